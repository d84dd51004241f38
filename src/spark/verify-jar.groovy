// Run by the root build after each Scala line's build: each adapter jar built so far holds the
// adapter and the client and nothing else (no Netty, no Scala, no Spark, nothing of the service).
import java.util.jar.JarFile

def lines = basedir.canonicalFile.name.startsWith('scala-') ? basedir.canonicalFile.parentFile : basedir.canonicalFile
def jars = lines.listFiles().findAll { it.name.startsWith('scala-') }.collect { dir ->
    new File(dir, "target/leader-latch-spark_${dir.name.substring('scala-'.length())}.jar")
}.findAll { it.isFile() }
assert !jars.isEmpty() : "no adapter jar under ${lines}"
jars.each { jar ->
    def classes = new JarFile(jar).withCloseable { it.entries().toList()*.name.findAll { it.endsWith('.class') } }
    def foreign = classes.findAll { !it.startsWith('io/leaderlatch/spark/') && !it.startsWith('io/leaderlatch/client/') }
    assert foreign.isEmpty() : "${jar.name} holds classes of neither the adapter nor the client: ${foreign}"
    ['io/leaderlatch/spark/LeaderLatchRecoveryModeFactory.class',
     'io/leaderlatch/spark/LeaderLatchPersistenceEngine.class',
     'io/leaderlatch/client/LeaderLatch.class'].each {
        assert classes.contains(it) : "${jar.name} lacks ${it}"
    }
    println "${jar.name}: ${classes.size()} classes, the adapter's and the client's only"
}
return true
