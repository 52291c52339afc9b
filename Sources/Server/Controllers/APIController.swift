import CoCreateCore
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
    var commands: ConversationCommands { ConversationCommands(services: services) }

    func addPublicRoutes(to router: Router<AppRequestContext>) {
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(data: try Data(contentsOf: Bundle.module.resourceURL!.appendingPathComponent("Public/openapi.json")))))
        }
        router.get("/api/v1/designs", use: designs)
        router.post("/api/v1/join", use: join)
        router.get("/api/v1/c/:code/screen", use: screen)
        router.get("/api/v1/c/:code/me", use: me)
        router.post("/api/v1/c/:code/me/contributions", use: contribute)
        router.post("/api/v1/c/:code/me/votes", use: vote)
        router.post("/api/v1/c/:code/me/commitments", use: commit)
    }

    func addFacilitatorRoutes(to group: RouterGroup<FacilitatorContext>) {
        group.get("/api/v1/conversations", use: list)
        group.post("/api/v1/conversations", use: create)
        group.get("/api/v1/conversations/:id", use: conversation)
        group.get("/api/v1/conversations/:id/events", use: events)
        group.post("/api/v1/conversations/:id/participants", use: register)
        group.post("/api/v1/conversations/:id/arrivals", use: arrival)
        group.post("/api/v1/conversations/:id/seating", use: seat)
        group.post("/api/v1/conversations/:id/agenda", use: agenda)
        group.post("/api/v1/conversations/:id/contributions", use: typeIn)
        group.post("/api/v1/conversations/:id/contributions/:contribution/hide", use: hide)
        group.post("/api/v1/conversations/:id/statements", use: addStatement)
    }

    // MARK: Bodies

    struct DesignSummary: Codable, Sendable { var name, title, whenToUse: String; var minutes, rounds: Int }
    struct CreateBody: Decodable { var design: String?; var designYAML: String? }
    struct Created: Codable, Sendable { var id, joinCode: String }
    struct ConversationSummary: Codable, Sendable { var id, title, joinCode: String; var participants: Int; var closed: Bool }
    struct PersonBody: Decodable { var id: String?; var name: String; var group: String?; var attributes: [String: String]? }
    struct PeopleBody: Decodable { var people: [PersonBody] }
    struct ArrivalBody: Decodable { var participantID: String; var present: Bool? }
    struct SeatingBody: Decodable { var id: UUID?; var seed: UInt64? }
    struct AgendaBody: Decodable { var action: String; var phaseIndex: Int?; var seconds: Int?; var id: UUID? }
    struct ContributionBody: Decodable { var text: String; var kind: String?; var table: Int?; var id: UUID? }
    struct HideBody: Decodable { var reason: String? }
    struct StatementBody: Decodable { var text: String?; var fromContribution: String?; var cost: Int? }
    struct JoinBody: Decodable { var code: String; var participantID: String?; var name: String?; var group: String?; var id: UUID? }
    struct Joined: Codable, Sendable { var token, participantID, conversationID: String }
    struct VoteBody: Decodable { var statementID: String; var vote: String; var id: UUID? }
    struct CommitmentBody: Decodable { var text: String; var due: String?; var pledge: Bool?; var id: UUID? }
    struct EventLine: Codable, Sendable { var sequence: Int64; var id: UUID; var type: String; var at: Int64; var event: AnyJSON }

    // MARK: Facilitator

    @Sendable func designs(request: Request, context: AppRequestContext) async throws -> Response {
        let list = try DesignLibrary.templates.map { template -> DesignSummary in
            let design = try DesignLibrary.design(named: template.name)!
            return DesignSummary(name: template.name, title: design.title, whenToUse: design.whenToUse, minutes: design.totalMinutes, rounds: design.roundCount)
        }
        return JSONResponse(list).build()
    }

    @Sendable func list(request: Request, context: FacilitatorContext) async throws -> Response {
        var rows: [ConversationSummary] = []
        for id in try await services.log.conversations() {
            let state = try await services.rooms.hub(for: id).current()
            guard state.exists else { continue }
            rows.append(ConversationSummary(id: id, title: state.design?.title ?? "", joinCode: state.joinCode, participants: state.participants.count, closed: state.closed))
        }
        return JSONResponse(rows).build()
    }

    @Sendable func create(request: Request, context: FacilitatorContext) async throws -> Response {
        let body = try await request.decode(as: CreateBody.self, context: context)
        let created = try await commands.create(designName: body.design, designYAML: body.designYAML, facilitator: context.facilitator.username)
        return JSONResponse(Created(id: created.id, joinCode: created.joinCode), status: .created).build()
    }

    @Sendable func conversation(request: Request, context: FacilitatorContext) async throws -> Response {
        let state = try await services.hub(try context.parameters.require("id")).current()
        return JSONResponse(ConsoleView(state: state, now: services.effects.now())).build()
    }

    @Sendable func events(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        _ = try await services.hub(id)
        let after = request.uri.queryParameters["after"].flatMap { Int64(String($0)) } ?? 0
        let events = try await services.store.read(id, after: after, limit: 1_000).map { recorded in
            EventLine(sequence: recorded.sequence, id: recorded.id, type: recorded.type, at: recorded.recordedAt,
                      event: (try? JSONDecoder().decode(AnyJSON.self, from: recorded.payload)) ?? .null)
        }
        return JSONResponse(events).build()
    }

    @Sendable func register(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let state = try await services.hub(id).current()
        var request = request
        let people: [ParticipantRegistered]
        if request.headers[.contentType]?.hasPrefix("text/csv") == true {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            people = try PeopleImport.parse(String(buffer: body), fileName: "request body", groups: state.design?.stakeholderGroups ?? [])
        } else {
            let body = try await request.decode(as: PeopleBody.self, context: context)
            people = body.people.enumerated().map { index, person in
                ParticipantRegistered(participantID: person.id ?? "p\(String(format: "%03d", state.participants.count + index + 1))",
                                      name: person.name, group: person.group, attributes: person.attributes ?? [:])
            }
        }
        _ = try await commands.register(people, in: id)
        return try await conversation(request: request, context: context)
    }

    @Sendable func arrival(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await request.decode(as: ArrivalBody.self, context: context)
        let ref = ParticipantRef(participantID: body.participantID)
        let state = try await services.append([body.present == false ? .participantLeft(ref) : .participantArrived(ref)], to: id)
        return JSONResponse(ConsoleView(state: state, now: services.effects.now())).build()
    }

    @Sendable func seat(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await request.decode(as: SeatingBody.self, context: context)
        let state = try await services.latestState(id)
        let requestID = body.id ?? services.effects.newID()
        let seed = body.seed ?? SeatingBridge.seed(from: requestID)
        let published = try await Task.detached { try SeatingBridge.plan(state, seed: seed) }.value
        let newState = try await services.append([.seatingPublished(published)], to: id, ids: [requestID])
        return JSONResponse(ConsoleView(state: newState, now: services.effects.now())).build()
    }

    @Sendable func agenda(request: Request, context: FacilitatorContext) async throws -> Response {
        let body = try await request.decode(as: AgendaBody.self, context: context)
        let state = try await commands.agenda(body.action, phaseIndex: body.phaseIndex, seconds: body.seconds, in: try context.parameters.require("id"), id: body.id)
        return JSONResponse(ConsoleView(state: state, now: services.effects.now())).build()
    }

    @Sendable func typeIn(request: Request, context: FacilitatorContext) async throws -> Response {
        let body = try await request.decode(as: ContributionBody.self, context: context)
        let state = try await commands.contribute(text: body.text, kind: body.kind, author: nil, enteredBy: context.facilitator.username,
                                                  table: body.table, round: nil, in: try context.parameters.require("id"), id: body.id)
        return JSONResponse(ConsoleView(state: state, now: services.effects.now()), status: .created).build()
    }

    @Sendable func hide(request: Request, context: FacilitatorContext) async throws -> Response {
        let body = try await request.decode(as: HideBody.self, context: context)
        let state = try await services.append([.contributionHidden(ContributionHidden(
            contributionID: try context.parameters.require("contribution"), reason: body.reason ?? "hidden by the facilitator"))], to: try context.parameters.require("id"))
        return JSONResponse(ConsoleView(state: state, now: services.effects.now())).build()
    }

    @Sendable func addStatement(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await request.decode(as: StatementBody.self, context: context)
        let state = try await services.hub(id).current()
        let source = body.fromContribution.flatMap { state.contribution($0) }
        let statementID = "s\(state.statements.count + 1)-" + services.effects.newID().uuidString.prefix(4).lowercased()
        let newState = try await services.append([.statementAdded(StatementAdded(
            statementID: statementID, text: body.text ?? source?.text ?? "", fromContribution: source?.id, cost: body.cost))], to: id)
        return JSONResponse(ConsoleView(state: newState, now: services.effects.now()), status: .created).build()
    }

    // MARK: Participants

    @Sendable func join(request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decode(as: JoinBody.self, context: context)
        guard let id = try await services.conversation(joiningWith: body.code, from: context.remoteAddressText) else {
            throw NotFound(what: "conversation with that code")
        }
        var fields = ["participantID": body.participantID ?? "", "name": body.name ?? "", "group": body.group ?? ""]
        if let formID = body.id { fields["id"] = formID.uuidString }
        let form = FormFields(fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
        let (participantID, _) = try await ParticipantController(services: services).admit(fields: form, conversationID: id)
        let token = try await ParticipantTokens(services: services).issue(for: ParticipantIdentity(conversationID: id, participantID: participantID))
        return JSONResponse(Joined(token: token, participantID: participantID, conversationID: id), status: .created).build()
    }

    func participant(_ request: Request, _ context: AppRequestContext) async throws -> (String, String) {
        let code = try context.parameters.require("code")
        let id = try await services.conversation(code: code)
        guard let participant = try await ParticipantTokens(services: services).participant(in: id, code: code, request: request) else {
            throw HTTPError(.unauthorized, message: "Join first: POST /api/v1/join, then send Authorization: Bearer <token>.")
        }
        return (id, participant)
    }

    func participantView(_ state: ConversationState, _ participant: String, status: HTTPResponse.Status = .ok) -> Response {
        JSONResponse(ParticipantView(state: state, participantID: participant, now: services.effects.now()), status: status).build()
    }

    @Sendable func me(request: Request, context: AppRequestContext) async throws -> Response {
        let (id, participant) = try await participant(request, context)
        return participantView(try await services.hub(id).current(), participant)
    }

    @Sendable func screen(request: Request, context: AppRequestContext) async throws -> Response {
        let id = try await services.conversation(code: try context.parameters.require("code"))
        return JSONResponse(ScreenView(state: try await services.hub(id).current(), now: services.effects.now())).build()
    }

    @Sendable func contribute(request: Request, context: AppRequestContext) async throws -> Response {
        let (id, participant) = try await participant(request, context)
        let body = try await request.decode(as: ContributionBody.self, context: context)
        let state = try await commands.contribute(text: body.text, kind: body.kind, author: participant, enteredBy: nil, table: nil, round: nil, in: id, id: body.id)
        return participantView(state, participant, status: .created)
    }

    @Sendable func vote(request: Request, context: AppRequestContext) async throws -> Response {
        let (id, participant) = try await participant(request, context)
        let body = try await request.decode(as: VoteBody.self, context: context)
        return participantView(try await commands.vote(participant: participant, statement: body.statementID, vote: body.vote, in: id, id: body.id), participant)
    }

    @Sendable func commit(request: Request, context: AppRequestContext) async throws -> Response {
        let (id, participant) = try await participant(request, context)
        let body = try await request.decode(as: CommitmentBody.self, context: context)
        let state = try await commands.commit(text: body.text, owners: [participant], outsideOwners: [], due: body.due, pledge: body.pledge ?? false,
                                              madeBy: participant, answers: [], in: id, id: body.id)
        return participantView(state, participant, status: .created)
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
