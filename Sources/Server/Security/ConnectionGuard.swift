import EventStore
import Foundation
import HummingbirdCore
import Logging
import NIOCore

/// Limits on connections, enforced on the raw bytes before any HTTP parsing: how many one client may hold
/// open, and how long a new connection may take to send its first request head.
///
/// Hummingbird's idle timeout starts only once the first request head has been parsed (the WebSocket upgrade
/// pipeline adds its connection handler after that head), so 300 connections trickling a header line every
/// 5 s stayed open indefinitely and used up the process's file descriptors. The guard is the first handler of
/// every connection: it counts the connection against its client and closes it when the first head has not
/// ended (`\r\n\r\n`) within `headerTimeout`. Later requests on a kept-alive connection are bounded by
/// Hummingbird's own idle timeout, and WebSockets by their pings.
public struct ConnectionLimits: Sendable {
    /// Open connections one client (an IPv4 address, an IPv6 /64) may hold. A room of 1,000 behind one venue
    /// address holds 1,000 WebSockets and a few page loads at a time.
    public var perClient: Int
    /// Seconds a new connection has to finish its first request head.
    public var headerTimeoutSeconds: Int
    /// Seconds a kept-alive connection may sit between requests.
    public var idleTimeoutSeconds: Int

    public init(perClient: Int = 2_048, headerTimeoutSeconds: Int = 10, idleTimeoutSeconds: Int = 30) {
        self.perClient = perClient
        self.headerTimeoutSeconds = headerTimeoutSeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }
}

/// Open connections by client, shared by every connection's guard.
final class ConnectionCounts: Sendable {
    private let open = Mutex<[String: Int]>([:])
    let limit: Int
    let metrics: ServerMetrics

    init(limit: Int, metrics: ServerMetrics) {
        self.limit = limit
        self.metrics = metrics
    }

    /// Counts a connection of `client`; false (and not counted) when the client already holds `limit`.
    func open(_ client: String) -> Bool {
        open.withLock { open in
            let count = open[client, default: 0]
            guard count < limit else { return false }
            open[client] = count + 1
            return true
        }
    }

    func close(_ client: String) {
        open.withLock { open in
            let count = open[client, default: 0] - 1
            open[client] = count > 0 ? count : nil
        }
    }

    func count(of client: String) -> Int { open.withLock { $0[client, default: 0] } }
}

/// The first handler of a connection: see `ConnectionLimits`.
final class ConnectionGuardHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let counts: ConnectionCounts
    private let headerTimeout: TimeAmount
    private var timeout: Scheduled<Void>?
    /// How much of `\r\n\r\n` the bytes read so far end with; 4 once the first head is complete.
    private var matched = 0

    init(counts: ConnectionCounts, headerTimeout: TimeAmount) {
        self.counts = counts
        self.headerTimeout = headerTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let client = ClientKey.of(context.channel.remoteAddress)
        guard counts.open(client) else {
            counts.metrics.connectionsRefused.increment()
            context.close(promise: nil)
            return
        }
        let counts = self.counts
        context.channel.closeFuture.whenComplete { _ in counts.close(client) }
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        let metrics = counts.metrics
        timeout = context.eventLoop.scheduleTask(in: headerTimeout) {
            metrics.connectionsTimedOut.increment()
            loopBound.value.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timeout?.cancel()
        timeout = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if matched < 4 {
            let buffer = unwrapInboundIn(data)
            for byte in buffer.readableBytesView {
                let expected: UInt8 = matched % 2 == 0 ? 13 : 10
                matched = byte == expected ? matched + 1 : (byte == 13 ? 1 : 0)
                if matched == 4 { break }
            }
            if matched == 4 {
                timeout?.cancel()
                timeout = nil
            }
        }
        context.fireChannelRead(data)
        // Its work is done once the first head is in (the count is kept by the close future): out of the
        // pipeline, it cannot stand in the way of a WebSocket upgrade, which failed with it still in front.
        if matched == 4 { context.pipeline.syncOperations.removeHandler(context: context, promise: nil) }
    }
}

/// The server's connections, each behind a `ConnectionGuardHandler`, then the usual HTTP/1 with WebSocket upgrade.
struct GuardedChildChannel<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value
    let inner: Inner
    let counts: ConnectionCounts
    let headerTimeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(ConnectionGuardHandler(counts: counts, headerTimeout: headerTimeout), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return inner.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// Who a limit counts: an IPv4 address, or an IPv6 address's /64 (one household or venue is given a whole
/// /64, so counting single IPv6 addresses would let one client act as 2^64 of them).
enum ClientKey {
    static func of(_ address: SocketAddress?) -> String {
        switch address {
        case .v4(let v4)?:
            return v4.host
        case .v6(let v6)?:
            let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            // An IPv4 client on a dual-stack socket: ::ffff:a.b.c.d.
            if bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
                return bytes[12..<16].map(String.init).joined(separator: ".")
            }
            if bytes.count == 16, bytes[0..<15].allSatisfy({ $0 == 0 }) { return "::1" }
            return stride(from: 0, to: 8, by: 2).map { String(format: "%02x%02x", bytes[$0], bytes[$0 + 1]) }.joined(separator: ":") + "::/64"
        default:
            return address?.ipAddress ?? ""
        }
    }
}
