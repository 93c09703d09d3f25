/** Storage benchmarks (timed mains, not tests): store writer throughput and query latency. */
package dev.loupe.storage.bench;
