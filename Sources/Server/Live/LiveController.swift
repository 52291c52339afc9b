import CoCreateCore
import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdWebSocket
import NIOCore

/// The context of WebSocket upgrade requests: sessions are loaded so the console's socket
/// is as signed-in as its page.
public struct LiveRequestContext: RequestContext, WebSocketRequestContext, SessionRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    public let sessions: SessionContext<FacilitatorSession>
    /// The peer: a socket's join code is throttled like the pages'.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        sessions = .init()
        remoteAddress = source.channel.remoteAddress
    }
}

/// Live updates: each page opens one socket and receives its whole view after every change.
///
/// The client may send `{"after": N}`; whatever it says, it is sent the current view at once,
/// which is how a page that was offline catches up.
struct LiveController {
    let services: AppServices
    var tokens: ParticipantTokens { ParticipantTokens(services: services) }

    enum Watcher: Sendable {
        case phone(conversation: String, participant: String)
        case screen(conversation: String)
        case console(conversation: String)
    }

    func addRoutes(to router: Router<LiveRequestContext>) {
        router.ws("/ws/:role/:key") { request, context in
            (try? await watcher(request, context)) == nil ? .dontUpgrade : .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let watcher = try await watcher(context.request, context.requestContext) else { return }
            try await serve(watcher, inbound: inbound, outbound: outbound)
        }
    }

    /// Who is asking to watch what; nil when they may not.
    func watcher(_ request: Request, _ context: LiveRequestContext) async throws -> Watcher? {
        let role = try context.parameters.require("role")
        let key = try context.parameters.require("key")
        guard SameOriginMiddleware<LiveRequestContext>.isSameHostOrUnstated(request) else { return nil }
        switch role {
        case "phone":
            guard let id = try await services.conversation(joiningWith: key, from: context.clientKey),
                  let participant = try await tokens.participant(in: id, code: key, request: request) else { return nil }
            return .phone(conversation: id, participant: participant)
        case "screen":
            guard let id = try await services.conversation(joiningWith: key, from: context.clientKey) else { return nil }
            return .screen(conversation: id)
        case "console":
            guard let session = context.sessions.session, try await services.activeAccount(session.username) != nil,
                  try await services.role(of: session.username, in: key) != nil else { return nil }
            return .console(conversation: key)
        default:
            return nil
        }
    }

    func serve(_ watcher: Watcher, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let conversation: String
        switch watcher {
        case .phone(let id, _), .screen(let id), .console(let id): conversation = id
        }
        let hub = try await services.hub(conversation)
        let phoneOwner: String? = if case .phone(_, let participant) = watcher { participant } else { nil }
        let (watchID, versions) = await hub.watch(for: phoneOwner)
        services.metrics.connectedClients.increment()
        defer {
            services.metrics.connectedClients.decrement()
            Task { await hub.stopWatching(watchID) }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // Reading keeps the connection's close handshake working; the content is advisory.
                for try await _ in inbound.messages(maxSize: 4_096) {}
            }
            group.addTask {
                var shown: Int64 = -1
                for await _ in versions {
                    let state: ConversationState, changedAt: ContinuousClock.Instant
                    if case .phone(_, let participant) = watcher {
                        let snapshot = await hub.phoneSnapshot(for: participant)
                        (state, changedAt) = (snapshot.state, snapshot.changedAt)
                        // Nothing this phone shows has changed (someone else's vote, another table's idea): send nothing.
                        if shown >= 0, snapshot.relevantVersion <= shown { continue }
                    } else {
                        (state, changedAt) = (try await hub.current(), await hub.changedAt)
                        // A repeated wake-up (a batch's second write) has nothing new for a screen.
                        if shown >= 0, state.version <= shown { continue }
                    }
                    try await outbound.write(.text(render(watcher, state: state, now: services.effects.now())))
                    shown = state.version
                    services.metrics.fanOut.record(ContinuousClock.now - changedAt)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    func render(_ watcher: Watcher, state: ConversationState, now: Int64) -> String {
        switch watcher {
        case .phone(_, let participant): LiveViewRenderer.phone(state, participant: participant, now: now)
        case .screen: LiveViewRenderer.screen(state, now: now)
        case .console: LiveViewRenderer.console(state, now: now)
        }
    }
}
