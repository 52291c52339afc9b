import EventStore

/// A one-way gate: callers wait until it opens (the schema is migrated) or fails (it cannot be).
///
/// It lets a store be handed out before `run()` has connected and migrated: early calls simply
/// wait instead of failing on missing tables.
final class ReadinessGate: Sendable {
    private enum State {
        case waiting([CheckedContinuation<Void, any Error>])
        case open
        case failed(any Error)
    }

    private let state = Mutex<State>(.waiting([]))

    /// Returns once the gate is open; throws the failure if it failed.
    func wait() async throws {
        // The fast path, taken by every call after start-up, needs no continuation.
        let settled: Result<Void, any Error>? = state.withLock {
            switch $0 {
            case .open: .success(())
            case .failed(let error): .failure(error)
            case .waiting: nil
            }
        }
        if let settled { return try settled.get() }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let settledNow: Result<Void, any Error>? = state.withLock {
                switch $0 {
                case .open: return .success(())
                case .failed(let error): return .failure(error)
                case .waiting(let waiters):
                    $0 = .waiting(waiters + [continuation])
                    return nil
                }
            }
            if let settledNow { continuation.resume(with: settledNow) }
        }
    }

    func open() { settle(.success(())) }

    func fail(_ error: any Error) { settle(.failure(error)) }

    private func settle(_ result: Result<Void, any Error>) {
        let waiters: [CheckedContinuation<Void, any Error>] = state.withLock {
            guard case .waiting(let waiters) = $0 else { return [] }
            switch result {
            case .success: $0 = .open
            case .failure(let error): $0 = .failed(error)
            }
            return waiters
        }
        for waiter in waiters { waiter.resume(with: result) }
    }
}
