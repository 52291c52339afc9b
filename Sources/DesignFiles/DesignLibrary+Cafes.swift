extension DesignLibrary {
    static let knowledgeCafe = """
    # A Knowledge Café in David Gurteen's style: a short talk that ends in a question,
    # small-table conversation in rounds, people move, and a closing circle of the whole room.
    name: knowledge-cafe
    title: Knowledge Café
    purpose: Surface what the room knows and thinks about one open question, and deepen everyone's understanding.
    when-to-use: >-
      Use when the aim is shared understanding rather than a decision: a question with no right
      answer, a group of 12 to 60 who rarely talk across roles, and 90 minutes. There is no
      scribe and no output to chase; what people take away in their heads is the result.
    questions:
      - What would it take for everyone here to feel they belong?
    stakeholder-groups: []
    table-size: 4
    phases:
      - kind: input
        title: Welcome and the question
        speaker: The facilitator
        minutes: 10
        notes: Explain the café etiquette, then pose the question. No slides.
      - kind: round
        title: Round 1
        question: What would it take for everyone here to feel they belong?
        structure: open-conversation
        movement: all-move
        minutes: 15
      - kind: round
        title: Round 2
        question: What did you hear at your last table that surprised you?
        structure: open-conversation
        movement: all-move
        minutes: 15
      - kind: round
        title: Round 3
        question: What is becoming clearer to you?
        structure: open-conversation
        movement: all-move
        minutes: 15
      - kind: plenary
        title: Closing circle
        question: What is one thing you are taking away?
        minutes: 30
      - kind: closing
        title: Thanks and close
        minutes: 5
    """

    static let worldCafe = """
    # A World Café: table hosts stay and welcome travellers, who carry ideas between tables.
    name: world-cafe
    title: World Café
    purpose: Cross-pollinate ideas across a large group and harvest the patterns that emerge.
    when-to-use: >-
      Use with 20 to 200 people when you want ideas to travel: each table keeps a host who
      stays and tells newcomers what the table said before, so thinking builds round by round.
      Good for a conference or an open consultation where a visible harvest on paper matters.
    questions:
      - What future do we want for our neighbourhood, and what can we each do towards it?
    stakeholder-groups: []
    table-size: 5
    phases:
      - kind: input
        title: Welcome and café etiquette
        speaker: The host of the café
        minutes: 10
      - kind: round
        title: Round 1
        question: What matters most to you about our neighbourhood's future?
        structure: open-conversation
        movement: hosts-stay
        roles: [host, scribe]
        minutes: 20
      - kind: round
        title: Round 2
        question: What connections are you hearing between tables?
        structure: open-conversation
        movement: hosts-stay
        roles: [host, scribe]
        minutes: 20
      - kind: round
        title: Round 3
        question: What could we do together, starting next month?
        structure: open-conversation
        movement: hosts-stay
        roles: [host, scribe]
        minutes: 20
      - kind: plenary
        title: Harvest
        question: What patterns and possibilities did the tables find?
        minutes: 20
      - kind: closing
        title: Close
        minutes: 5
    """

    static let cooperativeKnowledgeCafe = """
    # A Co-Creative Conversation: a Knowledge Café with Cooperative Learning structures and
    # rotating roles, so every voice counts equally and every table leaves a record.
    name: cooperative-knowledge-cafe
    title: Cooperative Knowledge Café
    purpose: Bring people from across roles to a shared view of a contested issue and an action plan they own.
    when-to-use: >-
      Use when the room spans a divide (students and staff, residents and police, pupils,
      teachers and parents) and you need both equal participation and a result: three
      structured rounds with rotating host, scribe, timekeeper and reporter; a vote that shows
      what every group supports; and commitments with owners. Plan 2 hours 30 for 12 to 40 people.
    questions:
      - How do we make assessment feedback something students and staff both trust?
    stakeholder-groups: [students, staff]
    table-size: 4
    phases:
      - kind: input
        title: Authoritative input
        speaker: Someone who knows the issue well, from either side
        minutes: 10
        notes: Ten minutes at most, ending in the question. Questions of clarification only.
      - kind: round
        title: Round 1, experiences
        question: When has feedback helped you, and when has it not?
        structure: round-robin
        movement: all-move
        roles: [host, scribe, timekeeper, reporter]
        minutes: 20
      - kind: round
        title: Round 2, causes
        question: What gets in the way of feedback that works for both sides?
        structure: timed-pair-share
        movement: all-move
        roles: [host, scribe, timekeeper, reporter]
        minutes: 20
      - kind: round
        title: Round 3, proposals
        question: What should we change, and who needs to do what?
        structure: talking-chips
        movement: all-move
        roles: [host, scribe, timekeeper, reporter]
        minutes: 25
      - kind: plenary
        title: Reporters' circle
        question: What did your tables propose?
        minutes: 20
      - kind: vote
        title: Where do we agree?
        method: agree-disagree
        minutes: 15
        statements:
          - Feedback should arrive within two weeks of submission.
          - Students should be able to ask for a conversation about their feedback.
          - Marking criteria should be written with students.
      - kind: action-planning
        title: Action planning
        question: What will we do, who owns it, and by when?
        minutes: 25
      - kind: closing
        title: Closing circle
        question: The one thing I will do is...
        minutes: 15
    """
}
