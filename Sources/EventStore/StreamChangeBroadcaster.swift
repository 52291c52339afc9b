import Foundation

/// Fans out "stream S reached version V" to every listener of S in this process.
///
/// It carries only the version, never events: listeners read what they have not seen from the
/// store, so a missed or coalesced notification costs a read, never an event.
public final class StreamChangeBroadcaster: Sendable {
    private struct Listener: Sendable {
        let stream: String
        let continuation: AsyncStream<Int64>.Continuation
    }

    private let listeners = Mutex<[UUID: Listener]>([:])

    public init() {}

    /// A listener's end: iterate `stream`, call `cancel()` when done.
    public struct Listening: Sendable {
        public let stream: AsyncStream<Int64>
        let cancelAction: @Sendable () -> Void
        public func cancel() { cancelAction() }
    }

    public func listen(_ stream: String) -> Listening {
        let id = UUID()
        // Only the newest version matters to a listener that fell behind.
        let (output, continuation) = AsyncStream<Int64>.makeStream(bufferingPolicy: .bufferingNewest(1))
        listeners.withLock { $0[id] = Listener(stream: stream, continuation: continuation) }
        let cancel: @Sendable () -> Void = { [weak self] in
            let removed = self?.listeners.withLock { $0.removeValue(forKey: id) }
            removed?.continuation.finish()
        }
        continuation.onTermination = { _ in cancel() }
        return Listening(stream: output, cancelAction: cancel)
    }

    /// Tells every listener of `stream` that it now has `version` events.
    public func publish(stream: String, version: Int64) {
        let targets = listeners.withLock { $0.values.filter { $0.stream == stream } }
        for listener in targets { listener.continuation.yield(version) }
    }

    /// How many listeners are registered, across all streams (for metrics).
    public var listenerCount: Int { listeners.withLock { $0.count } }

    /// Ends every listener, e.g. on shutdown.
    public func finishAll() {
        let all = listeners.withLock { current in
            defer { current.removeAll() }
            return Array(current.values)
        }
        for listener in all { listener.continuation.finish() }
    }
}
