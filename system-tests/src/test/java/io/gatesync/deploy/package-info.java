/**
 * The deployment files checked by reading them (no Docker engine or cluster runs here): compose, the Dockerfile,
 * Kubernetes, Prometheus and Grafana against each other and the apps' configuration ({@code DeploymentFilesTest}).
 */
package io.gatesync.deploy;
