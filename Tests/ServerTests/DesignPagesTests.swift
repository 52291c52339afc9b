import Foundation
import HTTPTypes
import Testing
@testable import Server

/// The design pages through HTTP as a browser posts them: the editor's form, the live check, the design
/// file, passing a run on, and a model file imported with a preview.
@Suite("Designs made, passed on and imported from the pages")
struct DesignPagesTests {
    static let blankDesign: [String: String] = [
        "name": "year9-belonging", "title": "Belonging in year 9", "purpose": "Agree three changes", "questions": "What helps you belong?",
        "stakeholder-groups": "pupils\nparents", "table-size": "4",
        "phases.0.kind": "round", "phases.0.title": "Round one", "phases.0.minutes": "20", "phases.0.question": "What helps?",
        "phases.0.structure": "round-robin", "phases.0.movement": "all-move", "phases.0.role.scribe": "on",
        "phases.1.kind": "vote", "phases.1.title": "Fund", "phases.1.minutes": "10", "phases.1.method": "budget", "phases.1.budget": "1000",
        "phases.1.statements.0.text": "Benches", "phases.1.statements.0.cost": "600",
    ]

    @Test func theEditorSavesADesignThatTheOwnerAloneSees() async throws {
        let app = try await TestApp()
        try await app.addAccount("sam")
        try await app.run { fran in
            let csrf = try await fran.signIn()
            var form = Self.blankDesign
            form["_csrf"] = csrf
            form["phases.0.minutes"] = "twenty"
            let refused = try await fran.post("/designs/editor", form: form)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("&quot;twenty&quot; is not a whole number") || refused.text.contains("\"twenty\" is not a whole number"))
            #expect(refused.text.contains("value=\"twenty\""), "what was typed comes back")

            form["phases.0.minutes"] = "20"
            let saved = try await fran.post("/designs/editor", form: form)
            #expect(saved.status == .seeOther, "\(saved.text.prefix(400))")
            #expect(saved.location == "/designs/mine/year9-belonging")
            let file = try await fran.get("/designs/mine/year9-belonging/design.yaml")
            #expect(file.text.contains("cost: 600"))

            // The same name again with other content is refused unless "Replace" is ticked.
            form["title"] = "Belonging, again"
            let again = try await fran.post("/designs/editor", form: form)
            #expect(again.status == .unprocessableContent)
            #expect(again.text.contains("you already have a design called year9-belonging") || again.text.contains("You already have a design called year9-belonging"))
            form["replace"] = "on"
            #expect(try await fran.post("/designs/editor", form: form).status == .seeOther)

            let sam = fran.stranger()
            _ = try await sam.signIn(as: "sam")
            #expect(try await sam.get("/designs/mine/year9-belonging").status == .notFound)
            #expect(try await sam.get("/designs/mine/year9-belonging/design.yaml").status == .notFound)
            #expect(!(try await sam.get("/designs").text.contains("Belonging")))

            // A conversation started from it runs the saved design.
            let created = try await fran.post("/conversations", form: ["_csrf": csrf, "design": "mine:year9-belonging", "name": "Year 9, March"])
            #expect(created.status == .seeOther)
            let id = try #require(created.location?.split(separator: "/").last.map(String.init))
            let log = try await fran.get("/conversations/\(id)/export.jsonl")
            #expect(log.text.contains("Belonging, again") && log.text.contains("\"costs\":[600]"))
            let notSams = try await sam.post("/conversations", form: ["_csrf": try await sam.signIn(as: "sam"), "design": "mine:year9-belonging"])
            #expect(notSams.status == .unprocessableContent)
        }
    }

    @Test func theLiveCheckNamesEachFieldAndKeepsNothing() async throws {
        let app = try await TestApp()
        try await app.run { fran in
            let csrf = try await fran.signIn()
            var form = Self.blankDesign
            form["_csrf"] = csrf
            form["phases.0.structure"] = ""
            form["phases.1.statements.0.cost"] = "5000"
            let answer = try await fran.post("/designs/check", form: form, json: true)
            #expect(answer.status == .ok)
            let problems = try #require(answer.json?["problems"] as? [[String: Any]])
            #expect(Set(problems.compactMap { $0["field"] as? String }) == ["phases.0.structure", "phases.1.statements.0.cost"])
            #expect(answer.json?["totalMinutes"] as? Int == 30)
            #expect(try await fran.get("/designs/mine/year9-belonging").status == .notFound)
        }
    }

    @Test func aRunIsPassedOnAndImportedWithAPreview() async throws {
        let app = try await TestApp()
        try await app.run { fran in
            let csrf = try await fran.signIn()
            let (id, _) = try await fran.createConversation(csrf: csrf)
            _ = try await fran.post("/conversations/\(id)/learnings", form: ["_csrf": csrf, "phase": "1", "worked": "Round robin", "change": "Longer rounds"])
            let forked = try await fran.post("/conversations/\(id)/fork", form: ["_csrf": csrf, "name": "cafe-second-run"])
            #expect(forked.location == "/designs/mine/cafe-second-run", "\(forked.status) \(forked.text.prefix(300))")
            let page = try await fran.get("/designs/mine/cafe-second-run")
            #expect(page.text.contains("Longer rounds") && page.text.contains("href=\"/conversations/\(id)\""))
            let badName = try await fran.post("/conversations/\(id)/fork", form: ["_csrf": csrf, "name": "no spaces allowed"])
            #expect(badName.status == .unprocessableContent && badName.text.contains("passon-error"))

            let model = try await fran.get("/conversations/\(id)/model.json")
            #expect(model.status == .ok && model.text.contains("cocreate-model"))
            let broken = try await fran.postMultipart("/designs/import", fields: ["_csrf": csrf], files: ["model": ("m.json", "{\"format\": 1")])
            #expect(broken.status == .unprocessableContent && broken.text.contains("model-file-error") && broken.text.contains("m.json"))
            let preview = try await fran.postMultipart("/designs/import", fields: ["_csrf": csrf], files: ["model": ("m.json", model.text)])
            #expect(preview.status == .ok && preview.text.contains("Longer rounds") && preview.text.contains("keep-model"))
            let keptName = "cooperative-knowledge-cafe"
            let kept = try await fran.post("/designs/import/keep", form: ["_csrf": csrf, "model": model.text, "fileName": "m.json", "name": keptName])
            #expect(kept.location == "/designs/mine/\(keptName)", "\(kept.status)")
            // Importing it again under the same name with other content asks first.
            let other = model.text.replacingOccurrences(of: "Longer rounds", with: "Shorter rounds")
            let asked = try await fran.post("/designs/import/keep", form: ["_csrf": csrf, "model": other, "fileName": "m.json", "name": keptName])
            #expect(asked.status == .unprocessableContent && asked.text.contains("import-name-error"))
            #expect(try await fran.get("/designs/mine/\(keptName)").text.contains("Longer rounds"))
        }
    }
}
