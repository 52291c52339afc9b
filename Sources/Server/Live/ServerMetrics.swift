import Foundation
import Prometheus

/// The figures an operator watches, exposed at `/metrics` for Prometheus: events appended,
/// live connections, and how long a change takes to reach the screens (fan-out).
public struct ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let eventsAppended: Counter
    let connectedClients: Gauge
    let fanOut: DurationHistogram
    /// Connections closed at once because their client already held its share (`ConnectionLimits.perClient`).
    let connectionsRefused: Counter
    /// Connections closed because their first request head did not arrive in time.
    let connectionsTimedOut: Counter
    /// Code and link lookups refused because their address had guessed wrong too often.
    let guessesRefused: Counter

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        func named(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "cocreate", metricName: name, unitName: unit, helpText: help)
        }
        eventsAppended = registry.makeCounter(descriptor: named(
            "events_appended", "total", "Events appended to conversation logs by this instance."))
        connectedClients = registry.makeGauge(descriptor: named(
            "connected_clients", "", "Open WebSocket connections (phones, projectors, consoles)."))
        connectionsRefused = registry.makeCounter(descriptor: named(
            "connections_refused", "total", "Connections closed because their client held its maximum of open connections."))
        connectionsTimedOut = registry.makeCounter(descriptor: named(
            "connections_header_timeout", "total", "Connections closed because their first request head did not arrive in time."))
        guessesRefused = registry.makeCounter(descriptor: named(
            "code_guesses_refused", "total", "Join code or link lookups answered 429 because their address guessed wrong too often."))
        fanOut = registry.makeDurationHistogram(
            descriptor: named("fanout", "seconds", "Time from a change reaching this instance to its view being written to a socket."),
            buckets: [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5)])
    }

    /// The Prometheus text exposition of every metric in the registry.
    func exposition() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
