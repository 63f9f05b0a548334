/**
 * End-to-end tests: the product as it runs, on real RabbitMQ and MySQL/MariaDB. {@link Stack} starts the BioTime
 * simulator, the api and workers, each its own Spring context, or a worker as a process of its own from the jar the
 * worker module packaged ({@code *IT}, run by failsafe after packaging, kill them); {@link Traffic} plays the gates.
 * {@link RabbitCluster} runs {@code bin/rabbit-cluster}'s three nodes, {@link TcpProxy} cuts one app off a service.
 */
package io.gatesync.e2e;
