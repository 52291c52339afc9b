import CoCreateCore
import Conversations
import DesignFiles
import Foundation
import Hummingbird

/// The facilitator's pages: the list of conversations and the console of one.
/// Every route here takes a `FacilitatorContext`, so only a signed-in facilitator reaches it.
struct ConsoleController {
    let services: AppServices
    var commands: ConversationCommands { ConversationCommands(services: services) }

    func addRoutes(to group: RouterGroup<FacilitatorContext>) {
        group.get("/", use: home)
        group.post("/conversations", use: create)
        group.get("/conversations/:id", use: console)
        group.post("/conversations/:id/people", use: importPeople)
        group.post("/conversations/:id/arrivals", use: arrival)
        group.post("/conversations/:id/agenda", use: agenda)
        group.post("/conversations/:id/contributions", use: typeIn)
        group.post("/conversations/:id/contributions/:contribution/hide", use: hide)
        group.post("/conversations/:id/statements", use: addStatement)
        group.get("/conversations/:id/export.jsonl", use: export)
        addSeatingRoutes(to: group)
    }

    @Sendable func home(request: Request, context: FacilitatorContext) async throws -> Response {
        var rows: [[String: Any]] = []
        for id in try await services.log.conversations().reversed() {
            let state = try await services.rooms.hub(for: id).current()
            guard state.exists else { continue }
            rows.append([
                "id": id, "title": state.design?.title ?? id, "joinCode": state.joinCode,
                "participants": "\(state.participants.count) people",
                "status": state.closed ? "closed" : state.agenda.currentIndex.map { "phase \($0 + 1) under way" } ?? "not running",
            ])
        }
        let designs = try DesignLibrary.templates.map { template -> [String: Any] in
            let design = try DesignLibrary.design(named: template.name)!
            return ["name": template.name, "title": design.title, "minutes": design.totalMinutes, "whenToUse": design.whenToUse,
                    "selected": template.name == "cooperative-knowledge-cafe"]
        }
        return services.pages.page("home", ["conversations": rows, "designs": designs, "signedIn": true, "csrf": context.facilitator.csrfToken], request: request)
    }

    @Sendable func create(request: Request, context: FacilitatorContext) async throws -> Response {
        let fields = try await form(request, context)
        let created = try await commands.create(designName: fields["design"], designYAML: fields["designYAML"], facilitator: context.facilitator.username)
        return .redirect(to: "/conversations/\(created.id)", type: .normal)
    }

    @Sendable func console(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let state = try await services.hub(id).current()
        let view = ConsoleView(state: state, now: services.effects.now())
        return services.pages.page("console", [
            "view": view, "viewJSON": PageRenderer.json(view), "csrf": context.facilitator.csrfToken, "signedIn": true,
            "formID": services.effects.newID().uuidString, "peopleCount": state.participants.count,
            "joinURL": joinURL(request, code: state.joinCode),
        ], request: request)
    }

    @Sendable func importPeople(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let state = try await services.hub(id).current()
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let text: String
        if let contentType = request.headers[.contentType], contentType.contains("multipart/form-data") {
            guard let file = MultipartForm(body: body, contentType: contentType)?.field("people") else {
                throw RuleViolation(field: "people", message: "choose a CSV file to import")
            }
            text = file
        } else {
            text = FormFields(String(buffer: body))["csv"] ?? String(buffer: body)
        }
        let people = try PeopleImport.parse(text, fileName: "people.csv", groups: state.design?.stakeholderGroups ?? [])
        let newState = try await services.append(people.map { .participantRegistered($0) }, to: id)
        return respond(request, state: newState, redirect: "/conversations/\(id)#people-h")
    }

    @Sendable func arrival(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let fields = try await form(request, context)
        let ref = ParticipantRef(participantID: fields["participantID"] ?? "")
        let event: ConversationEvent = fields["present"] == "false" ? .participantLeft(ref) : .participantArrived(ref)
        let state = try await services.append([event], to: id)
        return respond(request, state: state, redirect: "/conversations/\(id)#people-h")
    }

    @Sendable func agenda(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let fields = try await form(request, context)
        let state = try await commands.agenda(
            fields["action"] ?? "", phaseIndex: fields["phaseIndex"].flatMap(Int.init), seconds: fields["seconds"].flatMap(Int.init),
            in: id, id: fields["id"].flatMap(UUID.init(uuidString:)))
        return respond(request, state: state, redirect: "/conversations/\(id)")
    }

    @Sendable func typeIn(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let fields = try await form(request, context)
        let state = try await commands.contribute(
            text: fields["text"] ?? "", kind: fields["kind"], author: nil, enteredBy: context.facilitator.username,
            table: fields["table"].flatMap(Int.init), round: nil, in: id, id: fields["id"].flatMap(UUID.init(uuidString:)))
        return respond(request, state: state, redirect: "/conversations/\(id)#contrib-h")
    }

    @Sendable func hide(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let contribution = try context.parameters.require("contribution")
        let fields = try await form(request, context)
        let state = try await services.append([.contributionHidden(ContributionHidden(contributionID: contribution, reason: fields["reason"] ?? "hidden by the facilitator"))], to: id)
        return respond(request, state: state, redirect: "/conversations/\(id)#contrib-h")
    }

    @Sendable func addStatement(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let fields = try await form(request, context)
        let state = try await services.hub(id).current()
        var text = fields["text"] ?? ""
        let source = fields["fromContribution"].flatMap { state.contribution($0) }
        if let source, text.isEmpty { text = source.text }
        let statementID = "s\(state.statements.count + 1)-" + services.effects.newID().uuidString.prefix(4).lowercased()
        let newState = try await services.append([.statementAdded(StatementAdded(
            statementID: statementID, text: text, fromContribution: source?.id, cost: fields["cost"].flatMap(Int.init)))], to: id)
        return respond(request, state: newState, redirect: "/conversations/\(id)#statements-h")
    }

    @Sendable func export(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let events = try await services.store.readAll(id)
        guard !events.isEmpty else { throw NotFound(what: "conversation") }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson", .contentDisposition: "attachment; filename=\"\(id).jsonl\""],
                        body: .init(byteBuffer: ByteBuffer(data: try EventArchive.export(events))))
    }

    // MARK: Helpers

    func form(_ request: Request, _ context: FacilitatorContext) async throws -> FormFields {
        try await request.formFields(upTo: context.maxUploadSize)
    }

    /// JSON with the fresh console view for scripts; a redirect back for plain forms.
    func respond(_ request: Request, state: ConversationState, redirect: String) -> Response {
        if request.headers[.accept]?.contains("application/json") == true {
            let view = ConsoleView(state: state, now: services.effects.now())
            return JSONResponse(["view": view]).build()
        }
        return .redirect(to: redirect, type: .normal)
    }

    func joinURL(_ request: Request, code: String) -> String {
        "http://\(request.head.authority ?? "localhost")/c/\(code)"
    }
}
