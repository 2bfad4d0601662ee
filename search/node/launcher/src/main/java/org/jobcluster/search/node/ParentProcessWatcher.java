package org.jobcluster.search.node;

import org.apache.logging.log4j.Logger;

/**
 * Exits the JVM when a given process exits, so that a node started in the background by a
 * test run or a shell does not outlive it.
 */
final class ParentProcessWatcher {

    private static final long POLL_INTERVAL_MILLIS = 500;

    private ParentProcessWatcher() {}

    /**
     * Starts a daemon thread that polls the process and calls System.exit(0) once it has exited;
     * the shutdown hook then stops the node. Raises IllegalArgumentException if the process is
     * not running.
     */
    static void start(long pid, Logger logger) {
        // The handle remembers the start time of the process, so a recycled pid does not count as alive.
        ProcessHandle parent = ProcessHandle.of(pid)
            .orElseThrow(() -> new IllegalArgumentException("parent process [" + pid + "] is not running"));

        Thread watcher = new Thread(() -> {
            try {
                while (parent.isAlive()) {
                    Thread.sleep(POLL_INTERVAL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            logger.info("parent process [{}] exited, stopping the node", pid);
            System.exit(0);
        }, "es-node-parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
        logger.info("watching parent process [{}]", pid);
    }
}
