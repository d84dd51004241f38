package io.leaderlatch.admin;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;

/**
 * A JMX connection to a JVM on this host, found by its process id: the Attach API starts the JVM's
 * local management agent (the one jconsole uses, reachable from this host only) and tells where
 * it listens. No port has to be opened for this beforehand.
 */
final class AttachedJvm implements AutoCloseable {

    private final JMXConnector connector;

    private AttachedJvm(JMXConnector connector) {
        this.connector = connector;
    }

    /**
     * @throws CannotAttachException when the process is gone, is not a JVM (or not yet far enough
     *                               in its start-up to be attached to), runs as another user, or
     *                               does not answer
     */
    // The JMX address is the one the attached JVM's own agent reports, on this host, for a process
    // of the same user: not outside input.
    @SuppressWarnings("BanJNDI")
    static AttachedJvm attach(long pid) throws CannotAttachException {
        if (!LocalProcess.handlesQuit(pid)) {
            // The attach would send it SIGQUIT, which would end it.
            throw new CannotAttachException("cannot attach to process " + pid + ": it has exited, is not a Java"
                    + " process, is too early in its start-up, or runs with -Xrs (it does not handle SIGQUIT, by"
                    + " which the JDK asks a JVM to open its attach socket)", null);
        }
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | IOException e) {
            throw new CannotAttachException("cannot attach to process " + pid + ": " + e.getMessage()
                    + ". Attaching works only on this host and as the user the service runs as;"
                    + " run the command as that user.", e);
        }
        try {
            return new AttachedJvm(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } catch (IOException e) {
            throw new CannotAttachException("cannot connect to the management agent of process " + pid
                    + " at " + address + ": " + e.getMessage(), e);
        }
    }

    MBeanServerConnection mbeans() throws IOException {
        return connector.getMBeanServerConnection();
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }

    /** The process could not be reached; the message says why and what to try. */
    static final class CannotAttachException extends Exception {

        private static final long serialVersionUID = 1L;

        CannotAttachException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
