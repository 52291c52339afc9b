import Foundation

/// A facilitator's edit to the themes. Each is an event; applied in order, they win over the suggestion.
public enum ThemeEdit: Sendable, Codable, Hashable {
    /// Gives a theme the facilitator's own label.
    case rename(theme: String, label: String)
    /// Puts the items of `themes` into the first of them.
    case merge(themes: [String])
    /// Moves `items` out of `theme` into a new theme `newTheme`.
    case split(theme: String, items: [String], newTheme: String, label: String?)
    /// Moves one item to another theme (created when new).
    case move(item: String, toTheme: String)
}

/// A group of contributions about the same thing.
public struct ThemeGroup: Sendable, Codable, Hashable {
    /// Stable id: `theme-` plus the id of its first suggested item.
    public var id: String
    public var label: String
    /// True when the facilitator named it; false for a label suggested from top terms.
    public var labelChosenByFacilitator: Bool
    /// Contribution ids, in input order.
    public var items: [String]
    /// The most characteristic (stemmed) terms' display forms, best first.
    public var topTerms: [String]
}

/// Lexical themes: normalise, drop English stop words, Porter-stem, weight by TF-IDF, compare by
/// cosine similarity and join with average-link agglomerative clustering.
public enum Themes {
    /// Settings for suggesting themes.
    public struct Options: Sendable, Hashable {
        /// Clusters stop joining when their average cosine similarity falls below this.
        public var similarityThreshold = 0.12
        /// Terms in a suggested label.
        public var labelTerms = 3
        public init() {}
    }

    /// Words of `text`: lowercased, letters and digits only, no stop words, stemmed.
    /// Also reports, for each stem, the surface word it came from.
    public static func terms(_ text: String) -> [(stem: String, word: String)] {
        let lowered = text.lowercased().folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en"))
        var result: [(String, String)] = []
        var word = ""
        func flush() {
            defer { word = "" }
            let cleaned = word.trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            guard cleaned.count > 2, !StopWords.english.contains(cleaned), !cleaned.allSatisfy(\.isNumber) else { return }
            let base = cleaned.hasSuffix("'s") ? String(cleaned.dropLast(2)) : cleaned
            result.append((PorterStemmer.stem(base), base))
        }
        for character in lowered {
            if character.isLetter || character.isNumber || character == "'" || character == "\u{2019}" {
                word.append(character == "\u{2019}" ? "'" : character)
            } else {
                flush()
            }
        }
        flush()
        return result
    }

    /// Suggested themes for `contributions`, largest first. Items that join nothing stay as
    /// one-item themes so the facilitator can move them.
    public static func suggest(_ contributions: [ContributionRecord], options: Options = Options()) -> [ThemeGroup] {
        guard !contributions.isEmpty else { return [] }
        let vectors = TermVectors(contributions.map(\.text))
        let n = contributions.count
        var similarity = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n { for j in (i + 1)..<max(n, i + 1) where j < n {
            let value = vectors.cosine(i, j)
            similarity[i][j] = value
            similarity[j][i] = value
        } }
        var clusters: [[Int]?] = (0..<n).map { [$0] }
        while true {
            var best = (i: -1, j: -1, value: options.similarityThreshold)
            for i in 0..<n where clusters[i] != nil {
                for j in (i + 1)..<max(n, i + 1) where j < n && clusters[j] != nil && similarity[i][j] > best.value {
                    best = (i, j, similarity[i][j])
                }
            }
            guard best.i >= 0, let a = clusters[best.i], let b = clusters[best.j] else { break }
            // Lance-Williams update for average link.
            for k in 0..<n where clusters[k] != nil && k != best.i && k != best.j {
                let joined = (Double(a.count) * similarity[best.i][k] + Double(b.count) * similarity[best.j][k]) / Double(a.count + b.count)
                similarity[best.i][k] = joined
                similarity[k][best.i] = joined
            }
            clusters[best.i] = (a + b).sorted()
            clusters[best.j] = nil
        }
        return clusters.compactMap { $0 }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
            .map { members in
                let items = members.map { contributions[$0].id }
                let top = vectors.topTerms(members, count: options.labelTerms)
                return ThemeGroup(id: "theme-\(items[0])", label: phrase(members, contributions.map(\.text), vectors), labelChosenByFacilitator: false,
                                  items: items, topTerms: top)
            }
    }

    /// The themes after the facilitator's edits, in order. Edits naming unknown themes or items
    /// are skipped; themes left empty disappear; unnamed themes get fresh suggested labels.
    public static func apply(_ edits: [ThemeEdit], to suggested: [ThemeGroup], contributions: [ContributionRecord], options: Options = Options()) -> [ThemeGroup] {
        var themes = suggested
        func index(_ id: String) -> Int? { themes.firstIndex { $0.id == id } }
        for edit in edits {
            switch edit {
            case let .rename(theme, label):
                guard let at = index(theme), !label.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                themes[at].label = label
                themes[at].labelChosenByFacilitator = true
            case let .merge(ids):
                let present = ids.compactMap(index)
                guard let target = present.first, present.count > 1 else { continue }
                for other in present.dropFirst() { themes[target].items += themes[other].items }
                let removed = Set(present.dropFirst().map { themes[$0].id })
                themes.removeAll { removed.contains($0.id) }
            case let .split(theme, items, newTheme, label):
                guard let at = index(theme), index(newTheme) == nil else { continue }
                let moving = themes[at].items.filter(items.contains)
                guard !moving.isEmpty else { continue }
                themes[at].items.removeAll(where: moving.contains)
                themes.append(ThemeGroup(id: newTheme, label: label ?? "", labelChosenByFacilitator: label != nil, items: moving, topTerms: []))
            case let .move(item, target):
                guard let from = themes.firstIndex(where: { $0.items.contains(item) }) else { continue }
                themes[from].items.removeAll { $0 == item }
                if let to = index(target) {
                    themes[to].items.append(item)
                } else {
                    themes.append(ThemeGroup(id: target, label: "", labelChosenByFacilitator: false, items: [item], topTerms: []))
                }
            }
        }
        themes.removeAll { $0.items.isEmpty }
        let position = Dictionary(contributions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let vectors = TermVectors(contributions.map(\.text))
        for at in themes.indices {
            themes[at].items.sort { (position[$0] ?? .max) < (position[$1] ?? .max) }
            let members = themes[at].items.compactMap { position[$0] }
            themes[at].topTerms = vectors.topTerms(members, count: options.labelTerms)
            if !themes[at].labelChosenByFacilitator { themes[at].label = phrase(members, contributions.map(\.text), vectors) }
        }
        return themes
    }

    /// A suggested name in words a person wrote: the opening of the contribution most like the others in the
    /// theme (its medoid), cut at the end of its first clause or after `words` words. Three stemmed keywords
    /// ("Everywhere, made, pen") read as a code; a participant's own phrase reads as what the theme is about.
    static func phrase(_ members: [Int], _ texts: [String], _ vectors: TermVectors, words: Int = 8) -> String {
        guard !members.isEmpty else { return "Other" }
        let medoid = members.max { a, b in
            let x = members.reduce(0) { $0 + ($1 == a ? 0 : vectors.cosine(a, $1)) }
            let y = members.reduce(0) { $0 + ($1 == b ? 0 : vectors.cosine(b, $1)) }
            return x != y ? x < y : a > b
        }!
        return opening(of: texts[medoid], words: words)
    }

    /// The first clause of `text`, at most `words` words, capitalised, with "…" where words were cut.
    static func opening(of text: String, words: Int) -> String {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let clause = flat.split(whereSeparator: { ".!?;:\n".contains($0) }).first.map(String.init) ?? flat
        let parts = clause.split(separator: " ")
        guard !parts.isEmpty else { return "Other" }
        var kept = Array(parts.prefix(words))
        // Cut where the writer paused (a comma) rather than mid-thought, when that keeps a few words.
        if parts.count > words, let pause = kept.indices.dropFirst(2).last(where: { kept[$0].hasSuffix(",") }) {
            kept = Array(kept[...pause])
        }
        var shown = kept.joined(separator: " ")
        while let last = shown.last, ",-–—(".contains(last) { shown.removeLast() }
        if parts.count > words { shown += " …" }
        return shown.prefix(1).uppercased() + shown.dropFirst()
    }
}

/// TF-IDF vectors of documents over stems, L2-normalised.
struct TermVectors {
    var vectors: [[String: Double]]
    /// For each stem, its most frequent surface word (for labels).
    var displayWord: [String: String]

    init(_ documents: [String]) {
        let tokenised = documents.map(Themes.terms)
        var documentFrequency: [String: Int] = [:]
        var wordCounts: [String: [String: Int]] = [:]
        for terms in tokenised {
            for stem in Set(terms.map(\.stem)) { documentFrequency[stem, default: 0] += 1 }
            for term in terms { wordCounts[term.stem, default: [:]][term.word, default: 0] += 1 }
        }
        displayWord = wordCounts.mapValues { counts in
            counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
        }
        let n = Double(documents.count)
        vectors = tokenised.map { terms in
            var counts: [String: Double] = [:]
            for term in terms { counts[term.stem, default: 0] += 1 }
            var vector = counts.mapValues { $0 }
            for (stem, count) in counts {
                vector[stem] = count * (log((1 + n) / (1 + Double(documentFrequency[stem]!))) + 1)
            }
            let norm = vector.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? vector.mapValues { $0 / norm } : vector
        }
    }

    func cosine(_ a: Int, _ b: Int) -> Double {
        let (small, large) = vectors[a].count < vectors[b].count ? (vectors[a], vectors[b]) : (vectors[b], vectors[a])
        return small.reduce(0) { $0 + $1.value * (large[$1.key] ?? 0) }
    }

    /// Display words of the stems with the highest summed weight over `members`.
    func topTerms(_ members: [Int], count: Int) -> [String] {
        var weight: [String: Double] = [:]
        var documents: [String: Int] = [:]
        for member in members {
            for (stem, value) in vectors[member] {
                weight[stem, default: 0] += value
                documents[stem, default: 0] += 1
            }
        }
        // Prefer terms shared by several items over one item's rare word.
        return weight.sorted { a, b in
            let x = a.value * Double(documents[a.key]!), y = b.value * Double(documents[b.key]!)
            return x != y ? x > y : a.key < b.key
        }.prefix(count).map { displayWord[$0.key] ?? $0.key }
    }
}
