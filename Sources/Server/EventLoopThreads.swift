import NIOCore

/// How many threads serve network I/O (HTTP, WebSockets and the database's connections) in this process.
public enum EventLoopThreads {
    /// Sets the count for every event loop this process creates; call it before the server or the store starts.
    /// The default is one per core, which suits one instance per machine; instances sharing a machine's cores
    /// waste time switching between more threads than there are cores.
    public static func use(_ count: Int) {
        NIOSingletons.groupLoopCountSuggestion = count
    }
}
