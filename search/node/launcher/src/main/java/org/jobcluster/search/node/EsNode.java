package org.jobcluster.search.node;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.elasticsearch.bootstrap.BootstrapInfo;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.PluginsLoader;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts one Elasticsearch node in this JVM, for tests and development.
 *
 * <p>It builds and starts a {@link Node} the way the official bootstrap class
 * ({@code org.elasticsearch.bootstrap.Elasticsearch} in 8.19) does, and leaves out what only
 * protects a production node: the security manager, the system call filter, the bootstrap
 * checks and the refusal to run as root. Modules and plugins load from the {@code modules/}
 * and {@code plugins/} directories of the home directory, each in its own class loader, as in
 * the distribution.
 *
 * <p>The node stops on SIGTERM or SIGINT, and when the process given by {@code --parent-pid}
 * exits.
 */
public final class EsNode {

    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private static final CountDownLatch stopped = new CountDownLatch(1);

    private EsNode() {}

    public static void main(String[] args) throws InterruptedException {
        final CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("es-node: " + e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }

        try {
            start(commandLine);
        } catch (Exception e) {
            // Logging may not be configured yet, so the error goes to stderr. The summary comes
            // last, where es-node shows the end of the log.
            e.printStackTrace();
            System.err.println("es-node: the node failed to start: " + e);
            System.exit(1);
        }

        // Node threads are daemon threads: this thread keeps the JVM alive until the node stops.
        stopped.await();
    }

    private static void start(CommandLine commandLine) throws Exception {
        // Logging must be configured before any Elasticsearch class gets a logger.
        LogConfigurator.configureESLogging();
        LogConfigurator.registerErrorListener();
        BootstrapInfo.init();
        Settings initialSettings = Settings.builder()
            .put(Environment.PATH_HOME_SETTING.getKey(), commandLine.homeDir().toString())
            .build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            initialSettings,
            commandLine.settings(),
            commandLine.configDir(),
            () -> "es-node"
        );
        LogConfigurator.setNodeName(Node.NODE_NAME_SETTING.get(environment.settings()));
        LogConfigurator.configure(environment, true);
        Logger logger = LogManager.getLogger(EsNode.class);

        // Watch before the slow part, so that a caller that gives up during startup leaves no node behind.
        if (commandLine.parentPid() != null) {
            ParentProcessWatcher.start(commandLine.parentPid(), logger);
        }

        PluginsLoader pluginsLoader = PluginsLoader.createPluginsLoader(
            PluginsLoader.loadModulesBundles(environment.modulesDir()),
            PluginsLoader.loadPluginsBundles(environment.pluginsDir()),
            Map.of()
        );
        Node node = new Node(environment, pluginsLoader);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(node, logger), "es-node-shutdown"));

        node.start();
        logger.info("node started, pid [{}]", ProcessHandle.current().pid());
    }

    private static void stop(Node node, Logger logger) {
        logger.info("stopping the node");
        try {
            node.prepareForClose();
            node.close();
            if (node.awaitClose(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS) == false) {
                logger.warn("the node did not stop within [{}] seconds, pending requests are dropped", CLOSE_TIMEOUT_SECONDS);
            }
        } catch (IOException e) {
            logger.error("failed to stop the node", e);
        } catch (InterruptedException e) {
            logger.warn("interrupted while waiting for the node to stop");
            Thread.currentThread().interrupt();
        } finally {
            // The JVM runs with -Dlog4j.shutdownHookEnabled=false, as Elasticsearch does, so log4j stops here.
            Configurator.shutdown((LoggerContext) LogManager.getContext(false));
            stopped.countDown();
        }
    }
}
