import CoCreateCore
import Conversations
import DesignFiles
import Foundation
import Harvest
import Hummingbird
import QRCode

/// After the day: owners' private follow-up links, the results page, the exports of commitments
/// and the follow-up conversation.
struct FollowUpController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<FacilitatorContext>) {
        group.get("/conversations/:id/commitments", use: commitments)
        group.get("/conversations/:id/commitments.csv", use: csv)
        group.get("/conversations/:id/commitments.ics", use: ics)
        group.get("/conversations/:id/contributions.csv", use: contributionsCSV)
        group.get("/conversations/:id/votes.csv", use: votesCSV)
        group.post("/conversations/:id/commitments/:commitment/link", use: issueLink)
        group.post("/conversations/:id/commitments/:commitment/link/revoke", use: revokeLink)
        group.post("/conversations/:id/results-visibility", use: setVisibility)
        group.post("/conversations/:id/learnings", use: recordLearning)
        group.post("/conversations/:id/follow-up", use: followUp)
    }

    func addPublicRoutes(to router: Router<AppRequestContext>) {
        router.get("/f/:token", use: ownerPage)
        router.post("/f/:token", use: ownerUpdate)
        router.get("/c/:code/results", use: results)
    }

    // MARK: Links

    var links: FollowUpLinkRepository { FollowUpLinkRepository(store: services.store, effects: services.effects) }

    func currentToken(conversation: String, commitment: String) async throws -> String? {
        try await links.currentToken(conversation: conversation, commitment: commitment)
    }

    // MARK: Facilitator pages

    @Sendable func commitments(request: Request, context: FacilitatorContext) async throws -> Response {
        try await commitmentsPage(request, context, id: try context.parameters.require("id"))
    }

    /// The commitments page; `notices` carry a refused form's message, shown by that form.
    func commitmentsPage(_ request: Request, _ context: FacilitatorContext, id: String,
                         _ notices: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        let state = try await services.hub(id).current()
        var rows: [[String: Any]] = []
        for commitment in state.commitments {
            var row = commitmentRow(commitment, in: state, names: true)
            if let token = try await currentToken(conversation: id, commitment: commitment.id) {
                let url = services.publicAddress.url("/f/\(token)", for: request)
                row["link"] = url
                row["qr"] = try QRCode(encoding: url, errorCorrection: .medium).svg(moduleSize: 3, title: "Follow-up link for \(commitment.text)")
            }
            rows.append(row)
        }
        let phases = (state.design?.phases ?? []).enumerated().map { ["index": $0.offset, "number": $0.offset + 1, "title": $0.element.title] }
        var values: [String: Any] = [
            "cid": id, "title": state.design?.title ?? id, "code": state.joinCode, "csrf": context.facilitator.csrfToken, "signedIn": true,
            "commitments": rows, "none": rows.isEmpty, "isPublic": state.resultsVisibility == .public,
            "phases": phases, "learnings": learningRows(state),
            "designs": DesignLibrary.templates.map { ["name": $0.name, "selected": $0.name == state.design?.name] },
            "forkName": state.design.map { "\($0.name)-\(ConsoleController.today(services.effects.now()))" } ?? "",
        ]
        values.merge(notices) { $1 }
        return services.pages.page("commitments", values, request: request, status: status)
    }

    /// Runs a form's action; refused on a plain form, the page comes back with the message in `section`.
    func onCommitmentsPage(_ request: Request, _ context: FacilitatorContext, section: String,
                           _ action: (String) async throws -> Response) async throws -> Response {
        let id = try context.parameters.require("id")
        do {
            return try await action(id)
        } catch let violation as RuleViolation where !CommandRoutes.wantsJSON(request) {
            return try await commitmentsPage(request, context, id: id, CommandRoutes.formError(violation, section: section), status: .unprocessableContent)
        }
    }

    @Sendable func issueLink(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let commitment = try context.parameters.require("commitment")
        let state = try await services.hub(id).current()
        guard state.commitment(commitment) != nil else { throw NotFound(what: "commitment") }
        let token = try await links.issue(conversation: id, commitment: commitment)
        if CommandRoutes.wantsJSON(request) {
            return try ["token": token, "url": "/f/\(token)"].response(from: request, context: context)
        }
        return .redirect(to: "/conversations/\(id)/commitments#\(commitment)", type: .normal)
    }

    @Sendable func revokeLink(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let commitment = try context.parameters.require("commitment")
        _ = try await services.hub(id).current()
        try await links.revoke(conversation: id, commitment: commitment)
        return .redirect(to: "/conversations/\(id)/commitments#\(commitment)", type: .normal)
    }

    @Sendable func setVisibility(request: Request, context: FacilitatorContext) async throws -> Response {
        try await onCommitmentsPage(request, context, section: "visibility") { [services] id in
            _ = try await CommandRoutes.run(SetResultsVisibility.self, request, context, id: id, services: services)
            return .redirect(to: "/conversations/\(id)/commitments", type: .normal)
        }
    }

    @Sendable func recordLearning(request: Request, context: FacilitatorContext) async throws -> Response {
        try await onCommitmentsPage(request, context, section: "learnings") { [services] id in
            _ = try await CommandRoutes.run(RecordLearning.self, request, context, id: id, services: services)
            return .redirect(to: "/conversations/\(id)/commitments#learnings-h", type: .normal)
        }
    }

    @Sendable func csv(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return Self.csvFile(CommitmentTable.csv(try await services.hub(id).current()), name: "\(id)-commitments.csv")
    }

    @Sendable func contributionsCSV(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return Self.csvFile(RoomTables.contributionsCSV(try await services.hub(id).current()), name: "\(id)-contributions.csv")
    }

    @Sendable func votesCSV(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return Self.csvFile(RoomTables.votesCSV(try await services.hub(id).current()), name: "\(id)-votes.csv")
    }

    static func csvFile(_ text: String, name: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    @Sendable func ics(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let state = try await services.hub(id).current()
        let text = CommitmentCalendar.ics(CommitmentCalendar.entries(state.commitments), calendarName: state.design?.title, stamp: services.effects.now())
        return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .contentDisposition: "attachment; filename=\"\(id)-commitments.ics\"", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A new conversation that follows this one up, carrying its people and open commitments.
    @Sendable func followUp(request: Request, context: FacilitatorContext) async throws -> Response {
        try await onCommitmentsPage(request, context, section: "followup") { [services] id in
            let input = try await request.decode(as: StartFollowUp.self, context: context)
            let created = try await input.run(in: services, following: id, by: context.facilitator.username)
            return .redirect(to: "/conversations/\(created)", type: .normal)
        }
    }

    // MARK: Public pages

    @Sendable func ownerPage(request: Request, context: AppRequestContext) async throws -> Response {
        let (token, link, state) = try await resolve(context)
        return try ownerPage(token: token, link: link, state: state, request: request)
    }

    /// The owner's page; after a refused update, with the message beside its field and what they typed.
    func ownerPage(token: String, link: FollowUpLink, state: ConversationState, request: Request,
                   refused: (RuleViolation, UpdateCommitment)? = nil) throws -> Response {
        guard let commitment = state.commitment(link.commitmentID) else { throw NotFound(what: "commitment") }
        let chosen = refused.flatMap { CommitmentStatus(rawValue: $0.1.status) } ?? commitment.status
        var values: [String: Any] = [
            "token": token, "title": state.design?.title ?? "", "commitment": commitmentRow(commitment, in: state, names: true),
            "statuses": CommitmentStatus.allCases.map { ["value": $0.rawValue, "name": LocalizedText("commitment.status.\($0.rawValue)"), "selected": $0 == chosen] },
            "formID": services.effects.newID().uuidString, "saved": request.uri.queryParameters["saved"] != nil,
        ]
        if let (violation, typed) = refused {
            values.merge(CommandRoutes.formError(violation, section: violation.field)) { $1 }
            values["typed"] = ["note": typed.note ?? "", "evidence": typed.evidence ?? ""]
        }
        return services.pages.page("followup", values, request: request, status: refused == nil ? .ok : .unprocessableContent)
    }

    @Sendable func ownerUpdate(request: Request, context: AppRequestContext) async throws -> Response {
        let (token, link, state) = try await resolve(context)
        let input = try await request.decode(as: UpdateCommitment.self, context: context)
        do {
            _ = try await input.run(in: services, conversation: link.conversationID, commitment: link.commitmentID)
        } catch let violation as RuleViolation where !CommandRoutes.wantsJSON(request) {
            return try ownerPage(token: token, link: link, state: state, request: request, refused: (violation, input))
        }
        return .redirect(to: "/f/\(token)?saved=1", type: .normal)
    }

    func resolve(_ context: AppRequestContext) async throws -> (String, FollowUpLink, ConversationState) {
        let token = try context.parameters.require("token")
        guard let link = try await services.guardedLookup(context.clientKey, key: "link:" + token, { try await links.link(for: token) }) else {
            throw NotFound(what: "follow-up link")
        }
        return (token, link, try await services.hub(link.conversationID).current())
    }

    @Sendable func results(request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let id = try await services.conversation(code: code, from: context.clientKey)
        let state = try await services.hub(id).current()
        let facilitator = context.sessions.session != nil
        let participant = try await ParticipantTokens(services: services).participant(in: id, code: code, request: request)
        let insider = facilitator || participant != nil
        guard state.resultsVisibility == .public || insider else {
            throw HTTPError(.unauthorized, message: "The results are for the facilitator and the people who took part. Join with the code first.")
        }
        let summary = SaidVsDone.summarise(state, today: Self.today(services.effects.now()))
        return services.pages.page("results", [
            "title": state.design?.title ?? "", "code": state.joinCode,
            "commitments": state.commitments.map { commitmentRow($0, in: state, names: insider) }, "none": state.commitments.isEmpty,
            "total": countsRow(summary.total), "groups": summary.byGroup.map { countsRow($0.counts).merging(["group": $0.group]) { $1 } },
            "isPublic": state.resultsVisibility == .public,
            "votes": Self.voteRows(state), "noVotes": state.votes.isEmpty && state.paperTallies.isEmpty,
        ], request: request)
    }

    // MARK: Helpers

    /// Each statement voted on, most agreed first, with its share agreeing and that share's 90% interval,
    /// so a room of twelve sees how far its figures can be trusted.
    static func voteRows(_ state: ConversationState) -> [[String: Any]] {
        ScreenView.results(state).filter { $0.tally.total > 0 }.map { result in
            let tally = result.tally
            let interval = ShareInterval.ninety(successes: tally.agree, of: tally.total)
            return ["text": result.text, "agree": tally.agree, "disagree": tally.disagree, "pass": tally.pass, "votes": tally.total,
                    "agreePercent": tally.agreePercent, "disagreePercent": tally.disagreePercent, "passPercent": tally.passPercent,
                    "low": Int((interval.lower * 100).rounded()), "high": Int((interval.upper * 100).rounded())]
        }
    }

    /// A commitment for a template; owners by name only when `names`, else by group.
    func commitmentRow(_ commitment: Commitment, in state: ConversationState, names: Bool) -> [String: Any] {
        let owners = commitment.ownerIDs.map { id in names ? (state.participant(id)?.name ?? id) : (state.participant(id)?.group ?? "participant") }
            + (names ? commitment.outsideOwners : commitment.outsideOwners.map { _ in "outside the room" })
        let today = Self.today(services.effects.now())
        var row: [String: Any] = [
            "id": commitment.id, "text": commitment.text, "owners": owners.joined(separator: ", "),
            "status": LocalizedText("commitment.status.\(commitment.status.rawValue)"), "overdue": SaidVsDone.isOverdue(commitment, today: today), "pledge": commitment.pledge,
            "history": commitment.history.map { update -> [String: Any] in
                var row: [String: Any] = ["date": Self.today(update.at), "status": LocalizedText("commitment.status.\(update.status.rawValue)"), "note": update.note ?? ""]
                if let evidence = update.evidence, evidence.hasPrefix("https://") || evidence.hasPrefix("http://") { row["evidence"] = evidence }
                return row
            },
        ]
        // Absent, not empty: an empty string still opens a Mustache section, and the page said "Due ·".
        if let due = commitment.due, !due.isEmpty { row["due"] = due }
        return row
    }

    func countsRow(_ counts: SaidVsDone.Counts) -> [String: Any] {
        ["made": counts.made, "notStarted": counts.notStarted, "inProgress": counts.inProgress, "done": counts.done,
         "dropped": counts.dropped, "overdue": counts.overdue, "donePercent": counts.donePercent]
    }

    func learningRows(_ state: ConversationState) -> [[String: Any]] {
        state.learnings.map { learning in
            ["phase": learning.phase.flatMap { index in state.design?.phases.indices.contains(index) == true ? state.design?.phases[index].title : nil } ?? "Whole design",
             "worked": learning.worked, "change": learning.change]
        }
    }

    /// `YYYY-MM-DD` (UTC) of a time in milliseconds.
    static func today(_ milliseconds: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}
