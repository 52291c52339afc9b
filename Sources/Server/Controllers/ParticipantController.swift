import CoCreateCore
import Foundation
import Hummingbird

/// The participants' side: joining with a code, the phone page and what a phone can write,
/// and the projector view. No account: a participant holds a token issued when they join.
struct ParticipantController {
    let services: AppServices
    var commands: ConversationCommands { ConversationCommands(services: services) }
    var tokens: ParticipantTokens { ParticipantTokens(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/join", use: joinByCode)
        router.get("/c/:code", use: joinPage)
        router.post("/c/:code/join", use: join)
        router.get("/c/:code/me", use: phone)
        router.post("/c/:code/me/contributions", use: contribute)
        router.post("/c/:code/me/votes", use: vote)
        router.post("/c/:code/me/commitments", use: commit)
        router.post("/c/:code/me/turns", use: turn)
        router.get("/c/:code/screen", use: screen)
    }

    /// The code typed on the join form; a wrong code counts against the rate limit.
    @Sendable func joinByCode(request: Request, context: AppRequestContext) async throws -> Response {
        let code = request.uri.queryParameters["code"].map(String.init) ?? ""
        if code.isEmpty { return services.pages.page("join", [:], request: request) }
        return try await joinPage(code: code, request: request, context: context)
    }

    @Sendable func joinPage(request: Request, context: AppRequestContext) async throws -> Response {
        try await joinPage(code: try context.parameters.require("code"), request: request, context: context)
    }

    func joinPage(code: String, request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = try await services.conversation(joiningWith: code, from: context.remoteAddressText) else {
            return services.pages.page("join", ["error": "No conversation has that code. Check it on the projector.", "code": code], request: request, status: .notFound)
        }
        if try await tokens.participant(in: id, code: code, request: request) != nil {
            return .redirect(to: "/c/\(code)/me", type: .found)
        }
        let state = try await services.hub(id).current()
        let people = state.participants.filter { !$0.walkIn || $0.presence != .left }.map { ["id": $0.id, "name": $0.name] }
        return services.pages.page("join", [
            "code": state.joinCode, "conversationTitle": state.design?.title ?? "", "people": people, "noPeople": people.isEmpty,
            "groups": state.design?.stakeholderGroups ?? [], "hasGroups": !(state.design?.stakeholderGroups.isEmpty ?? true),
            "formID": services.effects.newID().uuidString,
        ], request: request)
    }

    @Sendable func join(request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        guard let id = try await services.conversation(joiningWith: code, from: context.remoteAddressText) else {
            throw NotFound(what: "conversation with that code")
        }
        let fields = try await form(request, context)
        let (participantID, _) = try await admit(fields: fields, conversationID: id)
        let token = try await tokens.issue(for: ParticipantIdentity(conversationID: id, participantID: participantID))
        var response = Response.redirect(to: "/c/\(code)/me", type: .normal)
        response.setCookie(tokens.cookie(token, code: code, secure: services.configuration.secureCookies))
        return response
    }

    /// Marks the chosen person as arrived, or registers a walk-in; returns their id.
    func admit(fields: FormFields, conversationID id: String) async throws -> (String, ConversationState) {
        let state = try await services.hub(id).current()
        if let chosen = fields["participantID"], !chosen.isEmpty {
            guard state.participant(chosen) != nil else { throw RuleViolation(field: "participantID", message: "choose your name from the list") }
            let newState = try await services.append([.participantArrived(ParticipantRef(participantID: chosen))], to: id)
            return (chosen, newState)
        }
        let name = (fields["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw RuleViolation(field: "name", message: "pick your name from the list, or write it to join as a walk-in") }
        // A walk-in's id is derived from the form's id, so a retried join does not add them twice.
        let formID = fields["id"].flatMap(UUID.init(uuidString:)) ?? services.effects.newID()
        let participantID = "w" + formID.uuidString.prefix(8).lowercased()
        let group = fields["group"].flatMap { $0.isEmpty ? nil : $0 }
        let newState = try await services.append([.participantRegistered(ParticipantRegistered(participantID: participantID, name: name, group: group, walkIn: true))], to: id, ids: [formID])
        return (participantID, newState)
    }

    @Sendable func phone(request: Request, context: AppRequestContext) async throws -> Response {
        let (code, id, participantID) = try await me(request, context)
        let state = try await services.hub(id).current()
        let view = ParticipantView(state: state, participantID: participantID, now: services.effects.now())
        return services.pages.page("phone", ["view": view, "viewJSON": PageRenderer.json(view), "code": code, "formID": services.effects.newID().uuidString], request: request)
    }

    @Sendable func contribute(request: Request, context: AppRequestContext) async throws -> Response {
        let (code, id, participantID) = try await me(request, context)
        let fields = try await form(request, context)
        let state = try await commands.contribute(text: fields["text"] ?? "", kind: fields["kind"], author: participantID, enteredBy: nil,
                                                  table: nil, round: nil, in: id, id: fields["id"].flatMap(UUID.init(uuidString:)))
        return respond(request, state: state, participantID: participantID, redirect: "/c/\(code)/me")
    }

    @Sendable func vote(request: Request, context: AppRequestContext) async throws -> Response {
        let (code, id, participantID) = try await me(request, context)
        let fields = try await form(request, context)
        let state = try await commands.vote(participant: participantID, statement: fields["statementID"] ?? "", vote: fields["vote"] ?? "",
                                            in: id, id: fields["id"].flatMap(UUID.init(uuidString:)))
        return respond(request, state: state, participantID: participantID, redirect: "/c/\(code)/me#vote")
    }

    @Sendable func commit(request: Request, context: AppRequestContext) async throws -> Response {
        let (code, id, participantID) = try await me(request, context)
        let fields = try await form(request, context)
        let state = try await commands.commit(text: fields["text"] ?? "", owners: [participantID], outsideOwners: [], due: fields["due"],
                                              pledge: fields["pledge"] == "true", madeBy: participantID, answers: [],
                                              in: id, id: fields["id"].flatMap(UUID.init(uuidString:)))
        return respond(request, state: state, participantID: participantID, redirect: "/c/\(code)/me#commit-h")
    }

    @Sendable func turn(request: Request, context: AppRequestContext) async throws -> Response {
        let (code, id, participantID) = try await me(request, context)
        let fields = try await form(request, context)
        let state = try await commands.recordTurn(by: participantID, speaker: fields["participantID"] ?? "", seconds: fields["seconds"].flatMap(Int.init) ?? 0,
                                                  in: id, id: fields["id"].flatMap(UUID.init(uuidString:)))
        return respond(request, state: state, participantID: participantID, redirect: "/c/\(code)/me")
    }

    @Sendable func screen(request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let id = try await services.conversation(code: code)
        let state = try await services.hub(id).current()
        let view = ScreenView(state: state, now: services.effects.now())
        return services.pages.page("screen", ["view": view, "viewJSON": PageRenderer.json(view), "code": state.joinCode,
                                              "joinURL": "http://\(request.head.authority ?? "localhost")/c/\(state.joinCode)"], request: request)
    }

    // MARK: Helpers

    /// The code, conversation and participant of a request from a joined phone; 401 otherwise.
    func me(_ request: Request, _ context: AppRequestContext) async throws -> (String, String, String) {
        let code = try context.parameters.require("code")
        let id = try await services.conversation(code: code)
        guard let participantID = try await tokens.participant(in: id, code: code, request: request) else {
            throw HTTPError(.unauthorized, message: "Join the conversation first: open /c/\(code) and pick your name.")
        }
        return (code, id, participantID)
    }

    func form(_ request: Request, _ context: AppRequestContext) async throws -> FormFields {
        try await request.formFields(upTo: 65_536)
    }

    func respond(_ request: Request, state: ConversationState, participantID: String, redirect: String) -> Response {
        if request.headers[.accept]?.contains("application/json") == true {
            return JSONResponse(["view": ParticipantView(state: state, participantID: participantID, now: services.effects.now())]).build()
        }
        return .redirect(to: redirect, type: .normal)
    }
}
