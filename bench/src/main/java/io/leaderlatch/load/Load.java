package io.leaderlatch.load;

/**
 * The load run's entry point (scripts/load runs it): prints the summary on standard output, the
 * progress on standard error. Exit status 0 with no error, 1 on any error or leak, 2 on a bad
 * command line.
 */
public final class Load {

    private Load() {
    }

    public static void main(String[] args) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        LoadSummary summary = LoadRun.run(options, System.err);
        System.out.print(summary.text());
        System.exit(summary.errors().isEmpty() ? 0 : 1);
    }
}
