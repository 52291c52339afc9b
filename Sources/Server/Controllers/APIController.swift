import CoCreateCore
import Conversations
import DesignFiles
import Foundation
import Hummingbird

/// The JSON API under `/api/v1`, described by `/openapi.json`. It does what the pages do,
/// through the same `ConversationCommands`, so both behave identically.
///
/// Facilitators sign in with `POST /api/v1/session` and send the returned CSRF token as
/// `X-CSRF-Token`; participants join with `POST /api/v1/join` and send `Authorization: Bearer`.
struct APIController {
    let services: AppServices
    var actions: CommandRoutes { CommandRoutes(services: services) }

    func addPublicRoutes(to router: Router<AppRequestContext>) {
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(data: try Data(contentsOf: Bundle.module.resourceURL!.appendingPathComponent("Public/openapi.json")))))
        }
        router.get("/api/v1/designs", use: designs)
        router.post("/api/v1/join", use: join)
        router.get("/api/v1/c/:code/screen", use: screen)
        router.get("/api/v1/c/:code/me", use: me)
        router.post("/api/v1/c/:code/me/contributions", use: actions.participantAPI(Contribute.self))
        router.post("/api/v1/c/:code/me/votes", use: actions.participantAPI(CastVote.self, status: .ok))
        router.post("/api/v1/c/:code/me/dots", use: actions.participantAPI(PlaceDots.self, status: .ok))
        router.post("/api/v1/c/:code/me/budget", use: actions.participantAPI(AllocateBudget.self, status: .ok))
        router.post("/api/v1/c/:code/me/commitments", use: actions.participantAPI(MakeCommitment.self))
    }

    func addFacilitatorRoutes(to group: RouterGroup<FacilitatorContext>) {
        group.get("/api/v1/conversations", use: list)
        group.post("/api/v1/conversations", use: create)
        group.get("/api/v1/conversations/:id", use: conversation)
        group.get("/api/v1/conversations/:id/events", use: events)
        group.post("/api/v1/conversations/:id/participants", use: register)
        group.post("/api/v1/conversations/:id/capacity", use: actions.api(SetCapacity.self))
        addConsoleTwins(to: group)
    }

    /// Every console form as the same command, so a script or another front end can run the whole day:
    /// the shared actions, and the forms of the console's other pages.
    func addConsoleTwins(to group: RouterGroup<FacilitatorContext>) {
        let base = "/api/v1/conversations/:id"
        SharedAction.addRoutes(to: group, below: base) { $0.api(actions) }
        group.post("\(base)/contributions/:contribution/hide", use: contributionShown(false))
        group.post("\(base)/contributions/:contribution/show", use: contributionShown(true))
        group.post("\(base)/learnings", use: actions.api(RecordLearning.self, status: .created))
        group.post("\(base)/results-visibility", use: actions.api(SetResultsVisibility.self))
        group.post("\(base)/themes/rename", use: actions.api(RenameTheme.self))
        group.post("\(base)/themes/move", use: actions.api(MoveToTheme.self))
        group.post("\(base)/themes/merge", use: actions.api(MergeThemes.self))
    }

    // MARK: Bodies

    struct DesignSummary: Codable, Sendable { var name, title, whenToUse: String; var minutes, rounds: Int }
    struct Created: ResponseCodable, Sendable { var id, joinCode: String }
    struct ConversationSummary: Codable, Sendable { var id, title, joinCode: String; var participants: Int; var closed: Bool }
    struct Joined: ResponseCodable, Sendable { var token, participantID, conversationID: String }
    struct EventLine: Codable, Sendable { var sequence: Int64; var id: UUID; var type: String; var at: Int64; var event: AnyJSON }

    // MARK: Facilitator

    @Sendable func designs(request: Request, context: AppRequestContext) async throws -> Response {
        let list = try DesignLibrary.templates.map { template -> DesignSummary in
            let design = try DesignLibrary.design(named: template.name)!
            return DesignSummary(name: template.name, title: design.title, whenToUse: design.whenToUse, minutes: design.totalMinutes, rounds: design.roundCount)
        }
        return try list.response(from: request, context: context)
    }

    @Sendable func list(request: Request, context: FacilitatorContext) async throws -> Response {
        var rows: [ConversationSummary] = []
        for state in try await services.conversations(visibleTo: context.facilitator.username) {
            let id = state.id
            rows.append(ConversationSummary(id: id, title: state.design?.title ?? "", joinCode: state.joinCode, participants: state.participants.count, closed: state.closed))
        }
        return try rows.response(from: request, context: context)
    }

    @Sendable func create(request: Request, context: FacilitatorContext) async throws -> Response {
        let input = try await request.decode(as: CreateConversation.self, context: context)
        let created = try await input.run(in: services, by: context.facilitator.username)
        return try EditedResponse(status: .created, response: Created(id: created.id, joinCode: created.joinCode)).response(from: request, context: context)
    }

    @Sendable func conversation(request: Request, context: FacilitatorContext) async throws -> Response {
        let state = try await services.hub(try context.parameters.require("id")).current()
        return try ConsoleView(state: state, now: services.effects.now()).response(from: request, context: context)
    }

    @Sendable func events(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        _ = try await services.hub(id)
        let after = request.uri.queryParameters["after"].flatMap { Int64(String($0)) } ?? 0
        let events = try await services.store.read(id, after: after, limit: 1_000).map { recorded in
            EventLine(sequence: recorded.sequence, id: recorded.id, type: recorded.type, at: recorded.recordedAt,
                      event: (try? JSONDecoder().decode(AnyJSON.self, from: recorded.payload)) ?? .null)
        }
        return try events.response(from: request, context: context)
    }

    /// People as JSON, or a people file as the body (`Content-Type: text/csv`), read as the console reads it.
    @Sendable func register(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let actor = Actor.facilitator(context.facilitator.username)
        if request.headers[.contentType]?.hasPrefix("text/csv") == true {
            var request = request
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            _ = try await ImportPeople(csv: String(buffer: body), fileName: "request body").run(in: services, conversation: id, by: actor)
        } else {
            _ = try await request.decode(as: RegisterPeople.self, context: context).run(in: services, conversation: id, by: actor)
        }
        return try await conversation(request: request, context: context)
    }

    /// Hides (`shown` false) or shows again a contribution, as the console's buttons do.
    func contributionShown(_ shown: Bool) -> @Sendable (Request, FacilitatorContext) async throws -> Response {
        { [services] request, context in
            let state = try await CommandRoutes.contributionShown(shown, request, context, services: services)
            return try ConsoleView(state: state, now: services.effects.now()).response(from: request, context: context)
        }
    }

    // MARK: Participants

    /// The join code travels in the body here; the rest is the join page's form.
    struct JoinBody: Decodable {
        var code: String
        var participantID: String?
        var name: String?
        var group: String?
        var id: WriteID?
    }

    @Sendable func join(request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decode(as: JoinBody.self, context: context)
        guard let id = try await services.conversation(joiningWith: body.code, from: context.clientKey) else {
            throw NotFound(what: "conversation with that code")
        }
        let input = JoinConversation(participantID: body.participantID, name: body.name, group: body.group, id: body.id?.value)
        let (participantID, state) = try await input.run(in: services, conversation: id)
        let token = try await ParticipantTokens(services: services).issue(for: ParticipantIdentity(conversationID: id, participantID: participantID, in: state))
        return try EditedResponse(status: .created, response: Joined(token: token, participantID: participantID, conversationID: id)).response(from: request, context: context)
    }

    func participantView(_ state: ConversationState, _ participant: String, status: HTTPResponse.Status = .ok,
                         _ request: Request, _ context: some RequestContext) throws -> Response {
        try EditedResponse(status: status, response: ParticipantView(state: state, participantID: participant, now: services.effects.now()))
            .response(from: request, context: context)
    }

    @Sendable func me(request: Request, context: AppRequestContext) async throws -> Response {
        let me = try await ParticipantTokens(services: services).me(request, context)
        return try participantView(try await services.current(me.conversationID), me.participantID, request, context)
    }

    @Sendable func screen(request: Request, context: AppRequestContext) async throws -> Response {
        let id = try await services.conversation(code: try context.parameters.require("code"), from: context.clientKey)
        return try ScreenView(state: try await services.hub(id).current(), now: services.effects.now()).response(from: request, context: context)
    }
}

/// Any JSON value, to pass stored event payloads through untouched.
enum AnyJSON: Codable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([AnyJSON]), object([String: AnyJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([AnyJSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: AnyJSON].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
