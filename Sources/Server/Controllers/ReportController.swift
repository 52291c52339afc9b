import CoCreateCore
import Conversations
import Foundation
import Harvest
import Hummingbird
import QRCode

/// The harvest report and the join QR code.
struct ReportController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/c/:code/report", use: report)
        router.get("/c/:code/qr.svg", use: qrCode)
    }

    /// The one-page report: for the facilitator, and for the people who took part.
    @Sendable func report(request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let id = try await services.conversation(code: code, from: context.clientKey)
        let participant = try await ParticipantTokens(services: services).participant(in: id, code: code, request: request)
        guard context.sessions.session != nil || participant != nil else {
            throw HTTPError(.unauthorized, message: "The report is for the facilitator and the people who took part. Join with the code first.")
        }
        let state = try await services.hub(id).current()
        let input = HarvestReport.build(HarvestBridge.conversation(state))
        let html = HarvestReport.html(input, words: services.pages.reportWords(for: request))
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The join address as a QR code, drawn here: the projector needs no internet.
    @Sendable func qrCode(request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let id = try await services.conversation(code: code, from: context.clientKey)
        let state = try await services.hub(id).current()
        let url = services.publicAddress.url("/c/\(state.joinCode)", for: request)
        let svg = try QRCode(encoding: url, errorCorrection: .medium).svg(moduleSize: 8, title: "Join at \(url)")
        return Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "no-cache"], body: .init(byteBuffer: ByteBuffer(string: svg)))
    }
}
