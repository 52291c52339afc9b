import CoCreateCore
import Conversations
import Foundation
import Hummingbird

/// The participants' side: joining with a code, the phone page and what a phone can write,
/// and the projector view. No account: a participant holds a token issued when they join.
struct ParticipantController {
    let services: AppServices
    var tokens: ParticipantTokens { ParticipantTokens(services: services) }
    var actions: CommandRoutes { CommandRoutes(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/join", use: joinByCode)
        router.get("/c/:code", use: joinPage)
        router.post("/c/:code/join", use: join)
        router.get("/c/:code/me", use: phone)
        router.post("/c/:code/me/contributions", use: actions.phone(Contribute.self))
        router.post("/c/:code/me/votes", use: actions.phone(CastVote.self, anchor: "vote"))
        router.post("/c/:code/me/dots", use: actions.phone(PlaceDots.self, anchor: "vote"))
        router.post("/c/:code/me/budget", use: actions.phone(AllocateBudget.self, anchor: "vote"))
        router.post("/c/:code/me/commitments", use: actions.phone(MakeCommitment.self, anchor: "commit-h"))
        router.post("/c/:code/me/turns", use: actions.phone(RecordTurn.self, anchor: "turns"))
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
        guard let id = try await services.conversation(joiningWith: code, from: context.clientKey) else {
            return services.pages.page("join", ["error": LocalizedText("join.badCode"), "code": code], request: request, status: .notFound)
        }
        if try await tokens.participant(in: id, code: code, request: request) != nil {
            return .redirect(to: "/c/\(code)/me", type: .found)
        }
        let state = try await services.hub(id).current()
        return joinForm(state, request: request)
    }

    /// The join form: the names still free, the room's groups, and a problem next to the field it concerns.
    func joinForm(_ state: ConversationState, request: Request, error: RuleViolation? = nil, typed: JoinConversation? = nil) -> Response {
        let people = JoinConversation.unclaimed(in: state).map { ["id": $0.id, "name": $0.name] }
        let groups = JoinConversation.groups(of: state)
        var values: [String: Any] = [
            "code": state.joinCode, "conversationTitle": state.design?.title ?? "", "people": people, "noPeople": people.isEmpty,
            "groups": groups.map { ["name": $0, "selected": $0 == typed?.group] }, "hasGroups": !groups.isEmpty,
            "formID": services.effects.newID().uuidString, "typedName": typed?.name ?? "",
        ]
        if let error {
            values[error.field == "participantID" ? "whoError" : error.field == "group" ? "groupError" : "nameError"] = error.message
            values["walkInOpen"] = error.field != "participantID"
        }
        return services.pages.page("join", values, request: request, status: error == nil ? .ok : .unprocessableContent)
    }

    @Sendable func join(request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        guard let id = try await services.conversation(joiningWith: code, from: context.clientKey) else {
            throw NotFound(what: "conversation with that code")
        }
        let input = try await request.decode(as: JoinConversation.self, context: context)
        let participantID: String
        let state: ConversationState
        do {
            (participantID, state) = try await input.run(in: services, conversation: id)
        } catch let violation as RuleViolation {
            return joinForm(try await services.current(id), request: request, error: violation, typed: input)
        }
        let token = try await tokens.issue(for: ParticipantIdentity(conversationID: id, participantID: participantID, in: state))
        var response = Response.redirect(to: "/c/\(code)/me", type: .normal)
        response.setCookie(tokens.cookie(token, code: code, secure: services.configuration.secureCookies))
        return response
    }

    @Sendable func phone(request: Request, context: AppRequestContext) async throws -> Response {
        let me = try await tokens.me(request, context)
        return phonePage(me, state: try await services.current(me.conversationID), request: request)
    }

    /// The phone page, with `notices` (a refused form's message) merged in.
    func phonePage(_ me: ParticipantTokens.Phone, state: ConversationState, request: Request,
                   _ notices: [String: Any] = [:], status: HTTPResponse.Status = .ok) -> Response {
        var view = ParticipantView(state: state, participantID: me.participantID, now: services.effects.now())
        view.word(for: services.pages.language(for: request))
        let method = view.phase?.voteMethod
        var values: [String: Any] = [
            "view": view, "viewJSON": PageRenderer.json(view), "code": me.code,
            "formIDs": services.formIDs("contribution", "commitment", "turn", "budget", "dots"),
            "isBudget": method == VoteMethod.budget.rawValue, "isDots": method == VoteMethod.dots.rawValue,
            "isAgree": method != VoteMethod.budget.rawValue && method != VoteMethod.dots.rawValue,
        ]
        values.merge(Self.localizedPhase(view.phase)) { $1 }
        if let role = view.seat?.role {
            values["seatRole"] = LocalizedText("role.\(role).name")
            values["seatDuty"] = LocalizedText("role.\(role).duty")
        }
        values.merge(notices) { $1 }
        return services.pages.page("phone", values, request: request, status: status)
    }

    /// The phase's structure and turn rule in the page's language (the view carries the English, for the API).
    static func localizedPhase(_ phase: PhaseView?) -> [String: Any] {
        guard let phase else { return [:] }
        var values: [String: Any] = ["phaseKind": LocalizedText("phase.kind.\(phase.kind)")]
        if let structure = phase.structureID {
            values["phaseStructure"] = LocalizedText("structure.\(structure).name")
            values["phaseRule"] = LocalizedText("structure.\(structure).rule")
        }
        return values
    }

    @Sendable func screen(request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let id = try await services.conversation(code: code, from: context.clientKey)
        let state = try await services.hub(id).current()
        var view = ScreenView(state: state, now: services.effects.now())
        let language = services.pages.language(for: request)
        view.nameRoles { [catalog = services.pages.catalog] id in catalog.text("role.\(id).name", in: language) }
        // How long each page of a long list stays up; `?cycle=` lets a facilitator (or a test) choose.
        let cycle = request.uri.queryParameters["cycle"].flatMap { Int($0) }.map { min(60, max(1, $0)) } ?? 8
        var values: [String: Any] = ["view": view, "viewJSON": PageRenderer.json(view), "code": state.joinCode, "cycleSeconds": cycle,
                                     "joinURL": services.publicAddress.url("/c/\(state.joinCode)", for: request)]
        values.merge(Self.localizedPhase(view.phase)) { $1 }
        return services.pages.page("screen", values, request: request)
    }
}
