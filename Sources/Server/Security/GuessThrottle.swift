import Foundation

/// Slows the guessing of join codes and follow-up links without ever locking a room out.
///
/// Each client (an IPv4 address, an IPv6 /64) has a bucket of `burst` wrong guesses that refills at
/// `refillPerSecond`. A code that has already opened a conversation for that client passes whatever the
/// bucket holds: a whole room behind one venue address keeps joining, reloading the projector and opening
/// results while one person mistypes (the old limiter refused the right code too, for 60 s, after 30 wrong
/// ones). A code the client has not yet used needs a token, right or wrong, so an empty bucket answers 429
/// before the lookup and a guesser learns nothing from it; only wrong guesses take tokens.
///
/// With the defaults a client sustains one wrong guess every 2 s. Codes are 8 characters of 31 (31^8 ≈
/// 8.5e11), so with 1,000 live conversations one client needs about 8.5e11 / 1,000 × 2 s / 2 ≈ 27 years on
/// average to find one (README, "Join codes").
actor GuessThrottle {
    struct Client {
        var tokens: Double
        var updated: Int64
        /// Codes (normalised) that opened a conversation for this client, newest last.
        var known: [String]
    }

    private var clients: [String: Client] = [:]
    let burst: Double
    let refillPerSecond: Double
    /// Clients remembered at most; the oldest-updated are dropped first (an attacker with many addresses
    /// then only resets its own buckets, never anyone's known codes that are in use).
    let capacity: Int
    /// Codes remembered per client.
    let knownPerClient = 16

    init(burst: Int = 30, refillPerSecond: Double = 0.5, capacity: Int = 50_000) {
        self.burst = Double(burst)
        self.refillPerSecond = refillPerSecond
        self.capacity = capacity
    }

    /// Whether `client` may look `key` up now.
    func admits(_ client: String, key: String, now: Int64) -> Bool {
        guard var entry = clients[client] else { return true }
        if entry.known.contains(key) { return true }
        refill(&entry, now: now)
        clients[client] = entry
        return entry.tokens >= 1
    }

    /// Records the lookup's answer: a found key becomes known to the client, a miss takes a token.
    func record(_ client: String, key: String, found: Bool, now: Int64) {
        var entry = clients[client] ?? Client(tokens: burst, updated: now, known: [])
        refill(&entry, now: now)
        if found {
            if !entry.known.contains(key) {
                entry.known.append(key)
                if entry.known.count > knownPerClient { entry.known.removeFirst() }
            }
        } else {
            entry.tokens = max(0, entry.tokens - 1)
        }
        clients[client] = entry
        if clients.count > capacity { forgetOldest() }
    }

    private func refill(_ entry: inout Client, now: Int64) {
        let elapsed = Double(max(0, now - entry.updated)) / 1000
        entry.tokens = min(burst, entry.tokens + elapsed * refillPerSecond)
        entry.updated = now
    }

    private func forgetOldest() {
        let keep = capacity * 3 / 4
        let sorted = clients.sorted { $0.value.updated > $1.value.updated }
        clients = Dictionary(uniqueKeysWithValues: sorted.prefix(keep).map { ($0.key, $0.value) })
    }
}
