package io.gatesync.worker.command;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.gatesync.common.synclog.SyncLog;

/** The worker's sync log writer: its rows name this worker ({@code GATESYNC_NODE_NAME}, else host and pid). */
@Configuration(proxyBeanMethods = false)
class SyncLogConfiguration {

    @Bean
    SyncLog syncLog(JdbcClient jdbc, @Value("${gatesync.node-name:}") String nodeName) {
        return new SyncLog(jdbc, nodeName.isBlank() ? hostName() : nodeName);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName() + "/"
                    + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "pid-" + ProcessHandle.current().pid();
        }
    }
}
