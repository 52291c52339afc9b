import CoCreateCore
import Conversations
import DesignFiles
import Foundation
import Hummingbird

/// The facilitator's pages: the list of conversations and the console of one.
/// Every route here takes a `FacilitatorContext`, so only a signed-in facilitator reaches it, and
/// `ConversationAccessMiddleware` has checked their role on the conversation.
struct ConsoleController {
    let services: AppServices
    var actions: CommandRoutes { CommandRoutes(services: services) }

    func addRoutes(to group: RouterGroup<FacilitatorContext>) {
        group.get("/", use: home)
        group.post("/conversations", use: create)
        group.get("/conversations/:id", use: console)
        group.post("/conversations/:id/people", use: importPeople)
        SharedAction.addRoutes(to: group, below: "/conversations/:id") { $0.console(actions) }
        group.post("/conversations/:id/contributions/:contribution/hide", use: hide)
        group.post("/conversations/:id/contributions/:contribution/show", use: show)
        group.get("/conversations/:id/export.jsonl", use: export)
        addPrintRoutes(to: group)
    }

    @Sendable func home(request: Request, context: FacilitatorContext) async throws -> Response {
        try await homePage(request, context)
    }

    func homePage(_ request: Request, _ context: FacilitatorContext, _ notices: [String: Any] = [:],
                  status: HTTPResponse.Status = .ok) async throws -> Response {
        let query = request.uri.queryParameters["q"].map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        let today = Self.today(services.effects.now())
        var sections: [HomeSection: [[String: Any]]] = [:]
        for state in try await services.conversations(visibleTo: context.facilitator.username).reversed() {
            let searched = [state.displayName, state.design?.title ?? "", state.details?.place ?? "", state.joinCode]
            guard query.isEmpty || searched.contains(where: { $0.localizedCaseInsensitiveContains(query) }) else { continue }
            let role = state.role(of: context.facilitator.username)
            sections[HomeSection(state, today: today), default: []].append([
                "id": state.id, "title": state.displayName, "design": state.design?.title ?? "", "joinCode": state.joinCode,
                "date": state.details?.date ?? "", "place": state.details?.place ?? "",
                "participants": LocalizedText.plural("home.peopleCount", count: state.participants.count),
                "status": state.closed ? LocalizedText("home.status.closed")
                    : state.agenda.currentIndex.map { LocalizedText("home.status.underWay", ["number": String($0 + 1)]) } ?? LocalizedText("home.status.notStarted"),
                "role": role == .owner ? "" : role?.displayName ?? "",
            ])
        }
        let groups = HomeSection.allCases.compactMap { section -> [String: Any]? in
            guard let rows = sections[section], !rows.isEmpty else { return nil }
            return ["heading": LocalizedText("home.section.\(section.rawValue)"), "key": section.rawValue, "conversations": rows]
        }
        let chosen = request.uri.queryParameters["design"].map(String.init)
        let designs = try DesignLibrary.templates.map { template -> [String: Any] in
            let design = try DesignLibrary.design(named: template.name)!
            return ["name": template.name, "title": design.title, "minutes": design.totalMinutes, "whenToUse": design.whenToUse,
                    "selected": template.name == (chosen ?? "cooperative-knowledge-cafe")]
        }
        let mine = try await services.designs.designs(ownedBy: context.facilitator.username).compactMap { saved -> [String: Any]? in
            guard let design = saved.design else { return nil }
            let value = CreateConversation.saved(saved.name)
            return ["value": value, "title": design.title, "minutes": design.totalMinutes, "selected": value == chosen]
        }
        var values: [String: Any] = ["sections": groups, "none": groups.isEmpty, "query": query, "designs": designs, "today": today,
                                     "mine": mine, "hasMine": !mine.isEmpty,
                                     "signedIn": true, "csrf": context.facilitator.csrfToken]
        values.merge(notices) { $1 }
        return services.pages.page("home", values, request: request, status: status)
    }

    /// The home page's three lists: what is running now, what is coming, and what is over.
    /// The home page's groups; each heading is `home.section.<rawValue>` in the catalog.
    enum HomeSection: String, CaseIterable {
        case running, upcoming, past

        init(_ state: ConversationState, today: String) {
            if state.closed {
                self = .past
            } else if state.agenda.currentIndex != nil || !state.agenda.ended.isEmpty {
                self = .running
            } else if let date = state.details?.date, date < today {
                self = .past
            } else {
                self = .upcoming
            }
        }
    }

    static func today(_ now: Int64) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(now) / 1000))
    }

    @Sendable func create(request: Request, context: FacilitatorContext) async throws -> Response {
        let input = try await request.decode(as: CreateConversation.self, context: context)
        do {
            let created = try await input.run(in: services, by: context.facilitator.username, designs: services.designs)
            return .redirect(to: "/conversations/\(created.id)", type: .normal)
        } catch let violation as RuleViolation where !CommandRoutes.wantsJSON(request) {
            // The home page again, the message by the form, and nothing typed lost (a pasted design can be long).
            var notices = CommandRoutes.formError(violation, section: "create")
            notices["typed"] = ["name": input.name ?? "", "date": input.date ?? "", "place": input.place ?? "", "designYAML": input.designYAML ?? ""]
            notices["yamlError"] = violation.field == "design" && !(input.designYAML ?? "").isEmpty
            return try await homePage(request, context, notices, status: .unprocessableContent)
        }
    }

    @Sendable func console(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let state = try await services.hub(id).current()
        var notices: [String: Any] = [:]
        if let added = request.uri.queryParameters["imported"].flatMap({ Int($0) }) {
            let updated = request.uri.queryParameters["updated"].flatMap { Int($0) } ?? 0
            notices["importMessage"] = Self.importMessage(added: added, updated: updated)
        }
        return renderConsole(request, context, state: state, notices)
    }

    /// The agenda's buttons, phases and seating line in the page's language (the view's labels are
    /// the API's English); console.js writes the same from the same keys after each change.
    static func localizedAgenda(_ view: ConsoleView) -> [String: Any] {
        [
            "actions": view.actions.map { action -> [String: Any] in
                var row: [String: Any] = ["action": action.action, "style": action.style,
                                          "label": LocalizedText("console.action.\(action.action)", ["phase": action.phaseTitle ?? ""])]
                if action.confirm != nil { row["confirm"] = LocalizedText("console.action.\(action.action)Confirm") }
                return row
            },
            "agenda": view.agenda.map { item -> [String: Any] in
                ["title": item.title, "minutes": item.minutes, "statusClass": item.status.replacingOccurrences(of: " ", with: "-"),
                 "kindID": item.kind, "statusID": item.status,
                 "isCurrent": item.isCurrent, "kind": LocalizedText("phase.kind.\(item.kind)"),
                 "status": LocalizedText("console.status.\(item.status == "to come" ? "toCome" : item.status)")]
            },
            "runSeated": view.seatedRound.map { round in
                LocalizedText.plural("console.tablesSeated", count: view.runSheet.tables, ["round": String(round)])
            } ?? LocalizedText("console.notSeatedYet"),
            "runContributions": LocalizedText.plural("live.contributionsCount", count: view.runSheet.contributions),
            "runVotes": LocalizedText.plural("live.votesCount", count: view.runSheet.votes),
            "runCommitments": LocalizedText.plural("live.commitmentsCount", count: view.runSheet.commitments),
            "seatingSummary": view.seatedRound.map { round in
                view.seatedCount > 0 ? LocalizedText.plural("console.seatedCount", count: view.seatedCount, ["round": String(round)]) as Any : ""
            } ?? "",
        ]
    }

    /// The console page; `notices` carry a form's outcome or error, shown next to that form.
    func renderConsole(_ request: Request, _ context: FacilitatorContext, state: ConversationState,
                       _ notices: [String: Any] = [:], status: HTTPResponse.Status = .ok) -> Response {
        let view = ConsoleView(state: state, now: services.effects.now())
        var values: [String: Any] = [
            "view": view, "viewJSON": PageRenderer.json(view), "csrf": context.facilitator.csrfToken, "signedIn": true,
            "formIDs": services.formIDs("seating", "contribution", "paperCommitment"), "peopleCount": state.participants.count,
            "joinURL": joinURL(request, code: state.joinCode),
            "hasAbsent": !view.absent.isEmpty, "hasWaiting": !view.waiting.isEmpty,
            "hasBudget": state.design?.phases.contains { $0.voteMethod == .budget } == true,
            "roomGroups": JoinConversation.groups(of: state),
            "details": ["date": state.details?.date ?? "", "place": state.details?.place ?? ""],
            "joinUnreachable": !PublicAddress.isReachableFromOtherDevices(joinURL(request, code: state.joinCode)),
        ]
        let role = state.role(of: context.facilitator.username)
        values["isOwner"] = role?.canManageTeam == true
        values["isObserver"] = role?.canChange == false
        values["owner"] = state.facilitator
        values["team"] = state.team.sorted { $0.key < $1.key }.map { ["username": $0.key, "role": $0.value.displayName] }
        values["roles"] = [TeamRole.coFacilitator, .observer].map { ["value": $0.rawValue, "name": $0.displayName] }
        values.merge(Self.localizedAgenda(view)) { $1 }
        let questions = Self.questionChoices(state)
        values["questionChoices"] = questions
        values["hasQuestions"] = !questions.isEmpty
        values.merge(notices) { $1 }
        return services.pages.page("console", values, request: request, status: status)
    }

    /// The questions a facilitator can word in another language: the conversation's own, then each
    /// phase that asks one of its own, with its current wordings after it.
    static func questionChoices(_ state: ConversationState) -> [[String: String]] {
        guard let design = state.design else { return [] }
        func label(_ text: String, _ key: Int) -> String {
            let wordings = (state.questionTranslations[key] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            return ([text] + wordings).joined(separator: " · ")
        }
        var choices = design.questions.first.map { [["value": "", "label": label($0, ConversationState.conversationQuestion)]] } ?? []
        for (index, phase) in design.phases.enumerated() {
            if let question = phase.question { choices.append(["value": String(index), "label": "\(phase.title): " + label(question, index)]) }
        }
        return choices
    }

    static func importMessage(added: Int, updated: Int) -> String {
        let people = added == 1 ? "1 person added" : "\(added) people added"
        guard updated > 0 else { return people }
        return people + "; \(updated) already here " + (updated == 1 ? "was" : "were") + " updated"
    }

    /// The console's people file. A plain form gets the console back with the outcome next to the
    /// form (or the error next to the file field, nothing written); a script gets JSON.
    @Sendable func importPeople(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let wantsJSON = CommandRoutes.wantsJSON(request)
        let upload = try await request.decode(as: PeopleUpload.self, context: context)
        let command = ImportPeople(csv: upload.people?.text ?? upload.csv ?? "", fileName: upload.people?.fileName)
        do {
            let (state, outcome) = try await command.importing(in: services, conversation: id, by: .facilitator(context.facilitator.username))
            if wantsJSON { return try CommandRoutes.consoleAnswer(request, context, state: state, redirect: "", services: services) }
            return .redirect(to: "/conversations/\(id)?imported=\(outcome.added)&updated=\(outcome.updated)#people-h", type: .normal)
        } catch let violation as RuleViolation where !wantsJSON {
            return renderConsole(request, context, state: try await services.current(id), ["peopleError": violation.message], status: .unprocessableContent)
        }
    }

    @Sendable func hide(request: Request, context: FacilitatorContext) async throws -> Response {
        let state = try await CommandRoutes.contributionShown(false, request, context, services: services)
        return try CommandRoutes.consoleAnswer(request, context, state: state, redirect: "/conversations/\(state.id)#contrib-h", services: services)
    }

    @Sendable func show(request: Request, context: FacilitatorContext) async throws -> Response {
        let state = try await CommandRoutes.contributionShown(true, request, context, services: services)
        return try CommandRoutes.consoleAnswer(request, context, state: state, redirect: "/conversations/\(state.id)#contrib-h", services: services)
    }

    @Sendable func export(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let events = try await services.store.readAll(id)
        guard !events.isEmpty else { throw NotFound(what: "conversation") }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson", .contentDisposition: "attachment; filename=\"\(id).jsonl\""],
                        body: .init(byteBuffer: ByteBuffer(data: try EventArchive.export(events))))
    }

    func joinURL(_ request: Request, code: String) -> String {
        services.publicAddress.url("/c/\(code)", for: request)
    }
}
