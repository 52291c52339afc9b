/// Common English words that carry no theme ("the", "we", "should" ...).
public enum StopWords {
    public static let english: Set<String> = Set("""
        a about above after again against all also am an and any are aren't as at be because been before being \
        below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down \
        during each etc even ever every few for from further get gets getting got had hadn't has hasn't have \
        haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm \
        i've if in into is isn't it it's its itself just let's like lot lots make many may me might more most \
        much must mustn't my myself need needs no nor not now of off often on once one only or other ought our \
        ours ourselves out over own people per really same say shall shan't she she'd she'll she's should \
        shouldn't so some something such than that that's the their theirs them themselves then there there's \
        these they they'd they'll they're they've thing things think this those though through thus to too \
        under until up upon us very via want was wasn't way we we'd we'll we're we've well were weren't what \
        what's when when's where where's whether which while who who's whom why why's will with within without \
        won't would wouldn't yes yet you you'd you'll you're you've your yours yourself yourselves
        """.split(separator: " ").map(String.init))
}
