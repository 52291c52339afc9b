extension DesignLibrary {
    static let schoolParticipatoryBudget = """
    # Participatory budgeting in a school: pupils, teachers and parents deliberate, then
    # allocate a real budget to proposals they shaped together.
    name: school-participatory-budget
    title: Our school, our budget
    purpose: Decide together how to spend part of the school's budget, with pupils, teachers and parents as equals.
    when-to-use: >-
      Use when a school has a real sum to allocate (a playground fund, a wellbeing budget) and
      wants pupils, teachers and parents to decide it together. Think-Pair-Share gives younger
      pupils time to think before they speak; the budget vote shows what gets funded and why.
    questions:
      - What would make the biggest difference to life at our school?
    stakeholder-groups: [pupils, teachers, parents]
    table-size: 6
    phases:
      - kind: input
        title: The budget and the rules
        speaker: The head teacher and two members of the school council
        minutes: 10
      - kind: round
        title: Ideas
        question: What would make the biggest difference to life at our school?
        structure: think-pair-share
        movement: all-move
        roles: [host, scribe, timekeeper, reporter]
        minutes: 20
      - kind: round
        title: Shaping proposals
        question: Which ideas could we turn into proposals, and what would each cost?
        structure: numbered-heads-together
        movement: all-move
        roles: [host, scribe, timekeeper, reporter]
        minutes: 25
      - kind: plenary
        title: Proposals presented
        question: What does each table propose?
        minutes: 20
      - kind: vote
        title: Allocate the budget
        method: budget
        budget: 5000
        minutes: 15
      - kind: action-planning
        title: Who makes it happen
        question: Who will carry out the funded proposals, and by when?
        minutes: 15
      - kind: closing
        title: Thanks
        minutes: 5
    """

    static let communityPoliceConversation = """
    # A conversation between residents and police officers: structures that protect quieter
    # voices, and tables mixed so no one sits only with their own side.
    name: community-police-conversation
    title: Community and police conversation
    purpose: Build understanding between residents and officers and agree practical steps for the neighbourhood.
    when-to-use: >-
      Use when trust between a community and its police is strained and both sides need to be
      heard as equals. Three-Step Interview makes each person retell the other's view before
      arguing their own; every table mixes residents, officers and youth workers.
    questions:
      - What would make our streets feel safer for everyone who uses them?
    stakeholder-groups: [residents, police, youth-workers]
    table-size: 4
    phases:
      - kind: input
        title: Why we are here
        speaker: A resident and the neighbourhood inspector, together
        minutes: 10
      - kind: round
        title: Listening
        question: Tell of a time you felt safe, or unsafe, in this area.
        structure: three-step-interview
        movement: all-move
        roles: [host, scribe, timekeeper, encourager]
        minutes: 25
      - kind: round
        title: Understanding
        question: What do you wish the other side understood about your experience?
        structure: round-robin
        movement: all-move
        roles: [host, scribe, timekeeper, encourager]
        minutes: 20
      - kind: round
        title: Ideas
        question: What could we do differently, starting now?
        structure: talking-chips
        movement: all-move
        roles: [host, scribe, timekeeper, reporter]
        minutes: 20
      - kind: vote
        title: Where we agree
        method: agree-disagree
        minutes: 15
      - kind: action-planning
        title: Commitments
        question: What will each of us, and our organisations, do next?
        minutes: 20
      - kind: closing
        title: Closing circle
        question: One word for how you feel now.
        minutes: 10
    """

    static let studentStaffPartnership = """
    # Students and staff as partners in changing a course or a service at a university.
    name: student-staff-partnership
    title: Student-staff partnership
    purpose: Redesign part of a course or service with students and staff as equal partners.
    when-to-use: >-
      Use when a department wants students as partners, not respondents: a module redesign,
      an assessment policy, a student service. Jigsaw makes each table study one part of the
      evidence; dot votes show priorities; commitments name owners on both sides.
    questions:
      - How should the first year of this programme change?
    stakeholder-groups: [students, academic-staff, professional-staff]
    table-size: 5
    phases:
      - kind: input
        title: The evidence so far
        speaker: A student representative and the programme lead
        minutes: 10
      - kind: round
        title: Expert groups
        question: What does your part of the evidence tell us?
        structure: jigsaw
        movement: stay
        roles: [host, scribe, timekeeper, reporter]
        minutes: 20
      - kind: round
        title: Home tables
        question: Putting the evidence together, what should change first?
        structure: round-robin
        movement: all-move
        roles: [host, scribe, timekeeper, reporter]
        minutes: 25
      - kind: round
        title: Shaping changes
        question: What would the change look like in practice?
        structure: rally-robin
        movement: all-move
        roles: [host, scribe, timekeeper, reporter]
        minutes: 20
      - kind: vote
        title: Priorities
        method: dots
        dots: 3
        minutes: 10
      - kind: action-planning
        title: Partnership plan
        question: Who will take each priority forward, and by when?
        minutes: 20
      - kind: closing
        title: Close
        minutes: 5
    """
}
