import EventStore
import Foundation
import PostgresNIO

extension PostgresEventStore {
    /// What the one-statement append found.
    enum OneStatementOutcome {
        case appended(AppendResult)
        /// Earlier attempts stored some or all of these ids: the caller's transaction sorts out which case it is.
        case idsAlreadyStored
        case wrongVersion(actual: Int64)
        /// The stream has no row yet; its first append goes through the transaction, which creates it.
        case noStream
        /// Another stream's append took one of these ids after this statement's snapshot was taken.
        case lostAnIDRace
    }

    /// Appends in one statement, one round trip, in autocommit: lock the stream's row, check the ids and the
    /// expected version, insert and bump the version, all or nothing. The caller notifies after the commit.
    ///
    /// A transaction of six statements held the stream's row lock and a pooled connection across six round
    /// trips; under load each round trip waits for a busy server to send the next statement, and two instances
    /// writing the same rooms queued behind each other's locks. Nothing here raises: every outcome is a row,
    /// except a unique violation on an id, which only an id race between two streams can cause.
    ///
    /// Under READ COMMITTED the row lock is taken on the stream's latest version, but the id check reads the
    /// statement's snapshot, which may predate an append this one waited for. Such an append moved the version,
    /// so an exact expectation fails and the caller re-reads; with `.any` the unique index refuses the ids and
    /// the caller retries through the transaction, whose fresh snapshot sees them.
    func appendInOneStatement(_ events: [NewEvent], to stream: String, expected: ExpectedVersion) async throws -> OneStatementOutcome {
        let (mode, expectedVersion): (Int64, Int64) = switch expected {
        case .any: (0, 0)
        case .noStream: (1, 0)
        case .exactly(let version): (1, version)
        }
        let statement = AppendStatement(
            stream: stream, ids: events.map(\.id), mode: mode, expectedVersion: expectedVersion,
            types: events.map(\.type), payloads: events.map { ByteBuffer(bytes: $0.payload) }, recordedAts: events.map(\.recordedAt))
        let count = Int64(events.count)
        // The id race is told apart inside the closure: `query` turns driver errors into storage errors.
        let answer: (version: Int64, ok: Bool, found: Int64)?? = try await query { client in
            do {
                var first: (Int64, Bool, Int64)?
                for try await (version, ok, found, _) in try await client.execute(statement, logger: self.logger) where first == nil {
                    first = (version, ok, found)
                }
                return .some(first)
            } catch let error as PSQLError where error.serverInfo?[.constraintName] == "events_event_id_key" {
                return .none
            }
        }
        guard let outcome = answer else { return .lostAnIDRace }
        guard let outcome else { return .noStream }
        if outcome.found > 0 { return .idsAlreadyStored }
        guard outcome.ok else { return .wrongVersion(actual: outcome.version) }
        return .appended(AppendResult(sequences: (outcome.version + 1)...(outcome.version + count), wasRetry: false))
    }
}

/// The one-statement append, prepared once per connection: planning it anew for every vote cost the database
/// more than running it.
struct AppendStatement: PostgresPreparedStatement {
    static let name = "cocreate_append_v1"
    static let sql = """
        WITH locked AS MATERIALIZED (
            SELECT id, version FROM streams WHERE name = $1 FOR UPDATE
        ), prior AS MATERIALIZED (
            SELECT count(*) AS found FROM events WHERE event_id = ANY($2::uuid[])
        ), decision AS MATERIALIZED (
            SELECT locked.id, locked.version, prior.found = 0 AND ($3::bigint = 0 OR locked.version = $4::bigint) AS ok
            FROM locked, prior
        ), inserted AS (
            INSERT INTO events (stream, sequence, event_id, type, payload, recorded_at)
            SELECT $1, decision.version + e.ordinality, e.event_id, e.type, e.payload, e.recorded_at
            FROM decision,
                 unnest($2::uuid[], $5::text[], $6::bytea[], $7::bigint[])
                     WITH ORDINALITY AS e(event_id, type, payload, recorded_at, ordinality)
            WHERE decision.ok
            RETURNING sequence
        ), bumped AS (
            UPDATE streams SET version = decision.version + cardinality($2::uuid[])
            FROM decision WHERE streams.id = decision.id AND decision.ok
            RETURNING streams.version
        )
        SELECT decision.version, decision.ok, prior.found, (SELECT count(*) FROM bumped)
        FROM decision, prior
        """
    typealias Row = (Int64, Bool, Int64, Int64)

    var stream: String
    var ids: [UUID]
    /// 0: any version; 1: exactly `expectedVersion`.
    var mode: Int64
    var expectedVersion: Int64
    var types: [String]
    var payloads: [ByteBuffer]
    var recordedAts: [Int64]

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(stream)
        bindings.append(ids)
        bindings.append(mode)
        bindings.append(expectedVersion)
        bindings.append(types)
        bindings.append(payloads)
        bindings.append(recordedAts)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// A page of a stream's events, prepared once per connection: every notification makes each instance read one.
struct ReadStatement: PostgresPreparedStatement {
    static let name = "cocreate_read_v1"
    static let sql = """
        SELECT stream, sequence, event_id, type, payload, recorded_at FROM events
        WHERE stream = $1 AND sequence > $2 ORDER BY sequence LIMIT $3
        """
    typealias Row = RecordedEvent

    var stream: String
    var after: Int64
    var limit: Int64

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(stream)
        bindings.append(after)
        bindings.append(limit)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> RecordedEvent {
        let (stream, sequence, id, type, payload, recordedAt) = try row.decode((String, Int64, UUID, String, Data, Int64).self)
        return RecordedEvent(stream: stream, sequence: sequence, id: id, type: type, payload: payload, recordedAt: recordedAt)
    }
}
