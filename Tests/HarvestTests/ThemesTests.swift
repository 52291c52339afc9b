import Testing
@testable import Harvest

@Suite struct ThemesTests {
    @Test(arguments: [
        ("caresses", "caress"), ("ponies", "poni"), ("cats", "cat"), ("feed", "feed"), ("agreed", "agre"),
        ("plastered", "plaster"), ("motoring", "motor"), ("sing", "sing"), ("conflated", "conflat"), ("hopping", "hop"),
        ("filing", "file"), ("happy", "happi"), ("relational", "relat"), ("conditional", "condit"),
        ("generalization", "gener"), ("electrical", "electr"), ("adjustment", "adjust"), ("homework", "homework"),
        ("connection", "connect"), ("connected", "connect"), ("connecting", "connect"),
    ])
    func porterStemmer(_ word: String, _ stem: String) {
        #expect(PorterStemmer.stem(word) == stem)
    }

    @Test func termsDropStopWordsAndStem() {
        #expect(Themes.terms("We should have MORE homework clubs, and the clubs' rooms!").map(\.stem) == ["homework", "club", "club", "room"])
    }

    let contributions = [
        ContributionRecord(id: "1", text: "A homework club in the library after school"),
        ContributionRecord(id: "2", text: "Homework club with older students helping"),
        ContributionRecord(id: "3", text: "Phones in lessons distract everyone"),
        ContributionRecord(id: "4", text: "Ban phones during lessons"),
        ContributionRecord(id: "5", text: "Library homework club twice a week"),
        ContributionRecord(id: "6", text: "Better school dinners"),
    ]

    @Test func aSuggestedNameIsAPhraseSomeoneInTheThemeWrote() throws {
        let themes = Themes.suggest(contributions)
        for theme in themes {
            let texts = theme.items.compactMap { id in contributions.first { $0.id == id }?.text }
            let opening = theme.label.replacingOccurrences(of: " …", with: "").lowercased()
            #expect(texts.contains { $0.lowercased().hasPrefix(opening) }, "\(theme.label) is not the opening of \(texts)")
            #expect(!theme.label.contains(", "), "\(theme.label) reads as a list of keywords")
        }
        #expect(Themes.opening(of: "we need more homework clubs after school, and quieter rooms to work in", words: 8) == "We need more homework clubs after school …")
        #expect(Themes.opening(of: "Longer lunch. And better food too", words: 8) == "Longer lunch")
    }

    @Test func similarContributionsFormLabelledThemes() {
        let themes = Themes.suggest(contributions)
        #expect(themes.first?.items == ["1", "2", "5"])
        #expect(themes.first?.label.lowercased().contains("homework") == true || themes.first?.label.lowercased().contains("club") == true)
        #expect(themes.contains { $0.items == ["3", "4"] })
        #expect(themes.contains { $0.items == ["6"] })
        #expect(Set(themes.flatMap(\.items)) == Set(contributions.map(\.id)))
    }

    @Test func facilitatorEditsWinOverTheSuggestion() {
        let suggested = Themes.suggest(contributions)
        let club = suggested.first { $0.items.contains("1") }!.id
        let phones = suggested.first { $0.items.contains("3") }!.id
        let dinners = suggested.first { $0.items.contains("6") }!.id
        let edited = Themes.apply([
            .rename(theme: club, label: "After-school help"),
            .move(item: "6", toTheme: club),
            .split(theme: club, items: ["2"], newTheme: "peer", label: "Peer tutoring"),
            .merge(themes: [phones, "peer"]),
            .rename(theme: "nonexistent", label: "ignored"),
        ], to: suggested, contributions: contributions)
        let help = edited.first { $0.id == club }!
        #expect(help.label == "After-school help" && help.labelChosenByFacilitator)
        #expect(help.items == ["1", "5", "6"])
        #expect(edited.first { $0.id == phones }!.items == ["2", "3", "4"])
        #expect(!edited.contains { $0.id == dinners })
        #expect(!edited.contains { $0.id == "peer" })
    }
}
