import Foundation
import Hummingbird
import HummingbirdAuth
import NIOCore

/// What a signed-in facilitator's session holds.
public struct FacilitatorSession: Codable, Sendable, Equatable {
    public var username: String
    /// Sent back with every state-changing request (form field `_csrf` or header `X-CSRF-Token`).
    public var csrfToken: String
}

/// The context of every request: the session, if any, loaded from the session cookie.
public struct AppRequestContext: RequestContext, SessionRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<FacilitatorSession>
    /// The peer, for rate limits and the localhost-only first-run page.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sessions = .init()
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies are small: the largest is a people CSV or a design file.
    public var maxUploadSize: Int { 1_048_576 }
    /// Forms, uploads and JSON alike, by content type.
    public var requestDecoder: AppRequestDecoder { AppRequestDecoder() }
    public var responseEncoder: AppResponseEncoder { AppResponseEncoder() }
}

/// The context of routes only a signed-in facilitator may use. Its existence is the proof:
/// a handler that receives one never has to check again.
public struct FacilitatorContext: ChildRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let facilitator: FacilitatorSession
    public let sessions: SessionContext<FacilitatorSession>
    public let remoteAddress: SocketAddress?

    public init(context: AppRequestContext) throws {
        guard let session = context.sessions.session else {
            throw HTTPError(.unauthorized, message: "Sign in as a facilitator first.")
        }
        coreContext = context.coreContext
        facilitator = session
        sessions = context.sessions
        remoteAddress = context.remoteAddress
    }

    public var maxUploadSize: Int { 1_048_576 }
    public var requestDecoder: AppRequestDecoder { AppRequestDecoder() }
    public var responseEncoder: AppResponseEncoder { AppResponseEncoder() }
}
