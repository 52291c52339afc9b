import AsyncHTTPClient
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// Runs a `LoadPlan` against live servers over real sockets and measures what phones see.
///
/// Fan-out latency is measured from the moment a phone sends its contribution or vote to the moment every
/// *other* phone in that conversation receives a view that includes it: what people in the room experience.
public enum LoadRun {
    /// Runs the plan; `progress` gets one line per stage.
    public static func run(_ plan: LoadPlan, hooks: LoadHooks = LoadHooks(), progress: @escaping @Sendable (String) -> Void) async throws -> LoadReport {
        var configuration = HTTPClient.Configuration()
        // Real phones each have their own connection; a few hundred keep the server's view of the load close to that.
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 384)
        // Also how long a write waits for a free connection; past that it counts as failed, not as slow.
        configuration.timeout = .init(connect: .seconds(3), read: .seconds(30))
        // A refused connection fails at once, as in a browser, so the write moves to another instance instead of
        // waiting out the connect timeout while the pool retries an instance that is gone.
        configuration.connectionPool.retryConnectionEstablishment = false
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let report = try await run(plan, hooks: hooks, api: LoadAPI(http: http), progress: progress)
            try await http.shutdown()
            return report
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    private static func run(_ plan: LoadPlan, hooks: LoadHooks, api: LoadAPI, progress: @escaping @Sendable (String) -> Void) async throws -> LoadReport {
        guard !plan.servers.isEmpty, plan.conversations > 0, plan.participants > 1 else {
            throw LoadError("a load test needs a server, at least one conversation and at least two participants each")
        }
        let runStart = ContinuousClock.now
        let deadline = runStart + .milliseconds(Int64(plan.timeLimitSeconds * 1000))
        for server in plan.servers { try await api.waitUntilHealthy(server, seconds: 30) }
        let facilitator = try await FacilitatorClient.signIn(api, servers: plan.servers, username: plan.username, password: plan.password)
        var random = LoadRandom(seed: plan.seed)

        // Rooms: created one after another, as facilitators would.
        var rooms: [(id: String, code: String)] = []
        for index in 0..<plan.conversations { rooms.append(try await facilitator.createConversation(statements: plan.statements, index: index)) }
        progress("created \(rooms.count) conversations with \(plan.statements) statements each")

        // Joining: every phone joins its home instance, a bounded number at a time.
        let joinStart = ContinuousClock.now
        let phones = try await join(plan, rooms: rooms, api: api)
        let joinSeconds = seconds(ContinuousClock.now - joinStart)
        progress("\(phones.count) phones joined in \(format(joinSeconds)) s")
        var statementIDs: [[String]] = []
        for conversation in 0..<plan.conversations {
            let phone = phones[conversation * plan.participants]
            let body = try await api.send(.GET, plan.servers[phone.home] + "/api/v1/c/\(phone.key)/me", headers: phone.credential.map { [$0] } ?? []).body
            let view = try JSONDecoder().decode(StatementsOfView.self, from: body)
            statementIDs.append(view.statements.map(\.id))
        }

        // The facilitators seat everyone and start the agenda, so contributions go to tables as in a real room;
        // each conversation has its projector open.
        for (index, room) in rooms.enumerated() {
            _ = try await facilitator.call(.POST, "/api/v1/conversations/\(room.id)/seating", json: ["seed": index + 1])
            _ = try await facilitator.call(.POST, "/api/v1/conversations/\(room.id)/agenda", json: ["action": "start"])
        }
        let screens = rooms.enumerated().flatMap { index, room in [
            SimulatedPhone(.projector, conversation: index, seat: -1, key: room.code, credential: nil, home: index % plan.servers.count),
            SimulatedPhone(.console, conversation: index, seat: -1, key: room.id, credential: ("Cookie", facilitator.cookie),
                           home: (index + 1) % plan.servers.count),
        ] }
        progress("seated \(rooms.count) rooms and started their agendas")

        // Sockets: every phone and projector connects and stays connected until the end.
        let sockets = phones + screens
        let tally = LoadTally()
        let stop = StopSignal()
        var logger = Logger(label: "cocreate.loadtest")
        logger.logLevel = .critical
        let connectionTasks = sockets.map { phone in
            Task { [logger] in await phone.stayConnected(servers: plan.servers, stop: stop, tally: tally, logger: logger) }
        }
        while tally.snapshot.connectedNow < sockets.count || sockets.contains(where: { $0.latestVersion == 0 }) {
            guard ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        progress("\(tally.snapshot.connectedNow) WebSockets open (\(phones.count) phones, \(rooms.count) projectors, \(rooms.count) consoles)")

        // Contributions at a talking pace, then the vote burst.
        let writes = Writes()
        let contributionStart = ContinuousClock.now
        await act(phones, plan: plan, window: plan.contributionSeconds, random: &random, api: api, tally: tally, writes: writes) { phone, random in
            ("/me/contributions", ["text": "Idea \(phone.seat + 1) from table talk in conversation \(phone.conversation + 1)", "kind": "idea"])
        }
        progress("\(writes.acknowledged.count) contributions in \(format(seconds(ContinuousClock.now - contributionStart))) s")
        let burstStart = ContinuousClock.now
        let versionsBeforeBurst = writes.acknowledged.count
        let midBurst = Task {
            try await Task.sleep(for: .milliseconds(Int64(plan.burstSeconds * 500)))
            await hooks.midBurst?()
        }
        await act(phones, plan: plan, window: plan.burstSeconds, random: &random, api: api, tally: tally, writes: writes) { phone, random in
            let statements = statementIDs[phone.conversation]
            let vote = ["agree", "disagree", "pass"][Int(random.next() % 3)]
            return ("/me/votes", ["statementID": statements[Int(random.next() % UInt64(statements.count))], "vote": vote])
        }
        _ = try? await midBurst.value
        let burstSeconds = seconds(ContinuousClock.now - burstStart)
        let burstWrites = writes.acknowledged.count - versionsBeforeBurst
        progress("\(burstWrites) votes in \(format(burstSeconds)) s")

        // Let the last views arrive, note what the servers say is connected, then hang up.
        let acknowledged = writes.acknowledged
        var newest = Array(repeating: Int64(0), count: plan.conversations)
        for write in acknowledged { newest[write.conversation] = max(newest[write.conversation], write.version) }
        let settleDeadline = min(deadline, ContinuousClock.now + .seconds(15))
        while screens.contains(where: { $0.latestVersion < newest[$0.conversation] }), ContinuousClock.now < settleDeadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let serverGauges = await connectedClients(plan.servers, api: api)
        let phonesConnectedAtEnd = tally.snapshot.connectedNow
        stop.stop()
        for task in connectionTasks { await task.value }
        progress("\(sockets.count) sockets hung up; checking every conversation's log")

        let (check, landed) = try await checkLogs(rooms: rooms, acknowledged: acknowledged, facilitator: facilitator)
        progress("read \(check.events) events back")
        return LoadReport.measure(
            plan: plan, phones: phones, screens: screens, acknowledged: acknowledged, landed: landed, failedWrites: writes.failed, tally: tally.snapshot,
            phonesConnectedAtEnd: phonesConnectedAtEnd, serverConnectedClients: serverGauges, joinSeconds: joinSeconds,
            burstSeconds: burstSeconds, burstWrites: burstWrites, logCheck: check,
            totalSeconds: seconds(ContinuousClock.now - runStart))
    }

    struct StatementsOfView: Decodable {
        struct Statement: Decodable { var id: String }
        var statements: [Statement]
    }

    private static func join(_ plan: LoadPlan, rooms: [(id: String, code: String)], api: LoadAPI) async throws -> [SimulatedPhone] {
        let seats = (0..<plan.phoneCount).map { ($0 / plan.participants, $0 % plan.participants) }
        var phones: [SimulatedPhone?] = Array(repeating: nil, count: seats.count)
        try await withThrowingTaskGroup(of: (Int, SimulatedPhone).self) { group in
            var next = 0
            func startJoin() {
                guard next < seats.count else { return }
                let index = next
                next += 1
                let (conversation, seat) = seats[index]
                let home = index % plan.servers.count
                let code = rooms[conversation].code
                group.addTask {
                    let (_, body) = try await api.send(.POST, plan.servers[home] + "/api/v1/join",
                                                       json: ["code": code, "name": "Participant \(seat + 1)", "id": UUID().uuidString])
                    guard let joined = try JSONSerialization.jsonObject(with: body) as? [String: Any], let token = joined["token"] as? String else {
                        throw LoadError("joining conversation \(code) returned no token")
                    }
                    return (index, SimulatedPhone(.phone, conversation: conversation, seat: seat, key: code,
                                                  credential: ("Authorization", "Bearer " + token), home: home))
                }
            }
            for _ in 0..<plan.joinConcurrency { startJoin() }
            while let (index, phone) = try await group.next() {
                phones[index] = phone
                startJoin()
            }
        }
        return phones.compactMap { $0 }
    }

    /// Every phone sends one write at a random moment within `window` seconds.
    private static func act(
        _ phones: [SimulatedPhone], plan: LoadPlan, window: Double, random: inout LoadRandom, api: LoadAPI, tally: LoadTally,
        writes: Writes, body: (SimulatedPhone, inout LoadRandom) -> (path: String, json: [String: String])
    ) async {
        let start = ContinuousClock.now
        let planned = phones.map { phone in
            (phone, Int64(Double(random.next() % 1_000_000) / 1_000_000 * window * 1000), body(phone, &random))
        }
        await withTaskGroup(of: Void.self) { group in
            for (phone, delay, request) in planned {
                group.addTask {
                    try? await Task.sleep(until: start + .milliseconds(delay))
                    await write(phone, request.path, json: request.json, plan: plan, api: api, tally: tally, writes: writes)
                }
            }
        }
    }

    /// Sends one write with a client id, retrying on the next instance (same id, so it is applied once)
    /// when an instance is unreachable or failing.
    private static func write(
        _ phone: SimulatedPhone, _ path: String, json: [String: String], plan: LoadPlan, api: LoadAPI, tally: LoadTally, writes: Writes
    ) async {
        let id = UUID()
        var body: [String: Any] = json
        body["id"] = id.uuidString
        let sentAt = ContinuousClock.now
        var server = phone.home
        var last: LoadAPI.Failure?
        for attempt in 0..<(plan.servers.count * 3) {
            if attempt > 0 {
                tally.add(\.retries)
                server = (server + 1) % plan.servers.count
                try? await Task.sleep(for: .milliseconds(100 * Int64(attempt)))
            }
            do {
                let (_, response) = try await api.send(.POST, plan.servers[server] + "/api/v1/c/\(phone.key)" + path, json: body,
                                                       headers: phone.credential.map { [$0] } ?? [])
                guard let version = viewVersion(in: String(decoding: response, as: UTF8.self)) else { break }
                writes.add(Writes.Acknowledged(
                    id: id, conversation: phone.conversation, author: phone.seat, version: version, sentAt: sentAt,
                    acknowledgedAt: .now, server: server, vote: path.hasSuffix("votes")))
                return
            } catch {
                last = error
                guard error.isTransient else {
                    writes.fail("\(path): \(error)")
                    return
                }
            }
        }
        writes.fail("\(path): no instance accepted it; last: \(last.map(String.init(describing:)) ?? "-")")
    }

    /// `cocreate_connected_clients` from each instance's `/metrics`; nil for an instance that is gone.
    private static func connectedClients(_ servers: [String], api: LoadAPI) async -> [Int?] {
        var gauges: [Int?] = []
        for server in servers {
            let text = (try? await api.send(.GET, server + "/metrics")).map { String(decoding: $0.body, as: UTF8.self) }
            let line = text?.split(separator: "\n").first { $0.hasPrefix("cocreate_connected_clients ") }
            gauges.append(line.flatMap { Double($0.split(separator: " ").last ?? "") }.map { Int($0) })
        }
        return gauges
    }

    /// Reads every conversation's log back and compares it with what the servers acknowledged; also returns
    /// where each acknowledged write landed, which is what phones must show.
    private static func checkLogs(
        rooms: [(id: String, code: String)], acknowledged: [Writes.Acknowledged], facilitator: FacilitatorClient
    ) async throws -> (LogCheck, [UUID: Int64]) {
        var check = LogCheck()
        var landed: [UUID: Int64] = [:]
        var ackedByConversation = Array(repeating: [Writes.Acknowledged](), count: rooms.count)
        for write in acknowledged { ackedByConversation[write.conversation].append(write) }
        for (index, room) in rooms.enumerated() {
            let events = try await facilitator.events(of: room.id)
            check.events += events.count
            if events.enumerated().contains(where: { $0.element.sequence != Int64($0.offset + 1) }) { check.conversationsWithGaps += 1 }
            var seen: [UUID: Int64] = [:]
            for event in events {
                if seen[event.id] != nil { check.duplicated += 1 }
                seen[event.id] = event.sequence
            }
            for write in ackedByConversation[index] {
                guard let sequence = seen[write.id] else {
                    check.lost += 1
                    continue
                }
                // The acknowledgement carried a view that already included the write; a later sequence would mean
                // the server answered before the write was in the log.
                if sequence > write.version { check.misplaced += 1 }
                landed[write.id] = sequence
            }
        }
        return (check, landed)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// What the log read back says.
struct LogCheck: Codable, Sendable {
    var events = 0
    var lost = 0
    var duplicated = 0
    var misplaced = 0
    var conversationsWithGaps = 0
}

/// Writes the servers acknowledged, and those no instance would take.
final class Writes: Sendable {
    struct Acknowledged: Sendable {
        var id: UUID
        var conversation: Int
        var author: Int
        var version: Int64
        var sentAt: ContinuousClock.Instant
        var acknowledgedAt: ContinuousClock.Instant
        var server: Int
        /// Part of the burst, rather than the contributions at a talking pace.
        var vote: Bool
    }

    private let state = NIOLockedValueBox<(acknowledged: [Acknowledged], failed: [String])>(([], []))

    var acknowledged: [Acknowledged] { state.withLockedValue { $0.acknowledged } }
    var failed: [String] { state.withLockedValue { $0.failed } }

    func add(_ write: Acknowledged) { state.withLockedValue { $0.acknowledged.append(write) } }
    func fail(_ reason: String) { state.withLockedValue { $0.failed.append(reason) } }
}
