package org.jobcluster.search.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Arguments of {@link EsNode}: the home and config directories, the process to watch, and
 * node settings given as {@code -E key=value} like the Elasticsearch command line takes them.
 */
record CommandLine(Path homeDir, Path configDir, Long parentPid, Map<String, String> settings) {

    static final String USAGE = """
        usage: EsNode --home DIR --config DIR [--parent-pid PID] [-E key=value]...
          --home DIR        directory with lib/, modules/ and plugins/
          --config DIR      directory with elasticsearch.yml and log4j2.properties
          --parent-pid PID  stop the node when this process exits
          -E key=value      node setting, for example -E http.port=9200""";

    /** Parses the arguments, or raises IllegalArgumentException with a message for the user. */
    static CommandLine parse(String[] args) {
        Path homeDir = null;
        Path configDir = null;
        Long parentPid = null;
        Map<String, String> settings = new LinkedHashMap<>();

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--home")) {
                homeDir = existingDirectory("--home", valueAfter(args, i++));
            } else if (arg.equals("--config")) {
                configDir = existingDirectory("--config", valueAfter(args, i++));
            } else if (arg.equals("--parent-pid")) {
                parentPid = parsePid(valueAfter(args, i++));
            } else if (arg.equals("-E")) {
                putSetting(settings, valueAfter(args, i++));
            } else if (arg.startsWith("-E")) {
                putSetting(settings, arg.substring(2));
            } else {
                throw new IllegalArgumentException("unknown argument [" + arg + "]");
            }
        }

        if (homeDir == null) {
            throw new IllegalArgumentException("missing --home");
        }
        if (configDir == null) {
            throw new IllegalArgumentException("missing --config");
        }
        return new CommandLine(homeDir, configDir, parentPid, Collections.unmodifiableMap(settings));
    }

    private static String valueAfter(String[] args, int index) {
        if (index + 1 >= args.length) {
            throw new IllegalArgumentException("missing value after [" + args[index] + "]");
        }
        return args[index + 1];
    }

    private static Path existingDirectory(String option, String value) {
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (Files.isDirectory(path) == false) {
            throw new IllegalArgumentException(option + " [" + value + "] is not a directory");
        }
        return path;
    }

    private static long parsePid(String value) {
        try {
            long pid = Long.parseLong(value);
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // Reported below with the other invalid values.
        }
        throw new IllegalArgumentException("invalid --parent-pid [" + value + "], expected a positive process id");
    }

    private static void putSetting(Map<String, String> settings, String keyValue) {
        int separator = keyValue.indexOf('=');
        if (separator <= 0) {
            throw new IllegalArgumentException("invalid setting [" + keyValue + "], expected -E key=value");
        }
        settings.put(keyValue.substring(0, separator), keyValue.substring(separator + 1));
    }
}
