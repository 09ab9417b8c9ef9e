"""Extra FAQ content for the search tests, written for StretchSite, beside the demo content.

Together with exercises/demo_content.py it forms the corpus the relevance set is judged on.
"""

EXTRA_EXERCISES = [
    {
        "name": "Child's Pose",
        "body_part": "Back",
        "faqs": [
            (
                "Can I do child's pose while pregnant?",
                "Usually yes, with the knees spread wide so the bump has room between them. "
                "Check with your midwife or doctor if anything feels wrong.",
            ),
            (
                "My ankles ache in child's pose. What helps?",
                "Roll a towel under the front of the ankles, or rest the shins on a folded "
                "blanket so the tops of the feet are not pressed flat.",
            ),
            (
                "Is child's pose a stretch or a resting position?",
                "Both: it is a gentle lengthening for the spine and the *lats*, and also a "
                "calm position to breathe in between harder work.",
            ),
        ],
    },
    {
        "name": "Seated Figure-Four Stretch",
        "body_part": "Hips",
        "faqs": [
            (
                "Does the figure-four stretch help with sciatica?",
                "It can ease buttock pain when a tight piriformis irritates the sciatic "
                "nerve. Stop if tingling spreads down the leg.",
            ),
            (
                "Which muscles does the figure-four stretch target?",
                "Mainly the piriformis and the glutes on the side of the crossed leg, with "
                "some of the outer hip.",
            ),
            (
                "Can I do it sitting at my office desk?",
                "Yes. Sit near the front of a stable chair, cross one ankle over the other "
                "knee and lean forward from the hips.",
            ),
        ],
    },
    {
        "name": "Standing Quad Stretch",
        "body_part": "Legs",
        "faqs": [
            (
                "I wobble and lose my balance. What can I hold?",
                "Rest one hand on a wall, a chair back or a kitchen counter. Steadiness "
                "lets the thigh relax into the stretch.",
            ),
            (
                "Should the bent knee point straight down?",
                "Yes, keep both knees side by side and the bent knee pointing at the floor, "
                "so the front of the thigh lengthens instead of twisting.",
            ),
            (
                "Does stretching the quadriceps help runner's knee?",
                "Tight quadriceps pull on the kneecap, so regular quad stretching is often "
                "part of easing pain around the front of the knee after running.",
            ),
            (
                "Why does my hamstring cramp while I hold my foot?",
                "Bending the knee hard shortens the hamstring and it can cramp. Use a strap "
                "around the ankle so you bend the knee less.",
            ),
        ],
    },
    {
        "name": "Wall Calf Stretch",
        "body_part": "Legs",
        "faqs": [
            (
                "Should the back knee be straight or bent?",
                "Straight targets the gastrocnemius, the big calf muscle; bending the knee "
                "shifts the stretch to the soleus lower down. Do both.",
            ),
            (
                "Can calf stretching relieve heel pain in the morning?",
                "Tight calves add strain to the plantar fascia. Stretching them before the "
                "first steps of the day often eases plantar fasciitis pain.",
            ),
            (
                "Is it useful for shin splints?",
                "Supple calves share the load with the shins, so it helps as part of a plan "
                "that also reduces running volume for a while.",
            ),
            (
                "My Achilles tendon feels sore. Should I still stretch?",
                "Ease off to a mild pull and skip bouncing. A sore tendon that gets worse "
                "over a week deserves a visit to a physiotherapist.",
            ),
        ],
    },
    {
        "name": "Cross-Body Shoulder Stretch",
        "body_part": "Shoulders",
        "faqs": [
            (
                "Is it safe with a rotator cuff injury?",
                "Only within a pain-free range and preferably with your physiotherapist's "
                "approval; pulling hard on an injured cuff can delay healing.",
            ),
            (
                "Where should I feel the cross-body stretch?",
                "At the back of the shoulder, across the rear deltoid, and sometimes "
                "between the shoulder blades.",
            ),
            (
                "The front of my shoulder pinches. What am I doing wrong?",
                "Lower the arm a little below shoulder height and keep the shoulder blade "
                "drawn down; a pinch usually means the arm is too high.",
            ),
            (
                "Is it a good warm-up before swimming or tennis?",
                "Use it briefly with arm circles and swings; long static holds are better "
                "kept for after the session.",
            ),
        ],
    },
    {
        "name": "Neck Side Stretch",
        "body_part": "Neck",
        "faqs": [
            (
                "Why do I feel dizzy during the neck stretch?",
                "Move slowly, keep breathing and stay upright. Dizziness that returns every "
                "time is a reason to see a doctor before continuing.",
            ),
            (
                "Can it help tension headaches from desk work?",
                "Many people who sit at a screen all day find that gently stretching the "
                "upper trapezius reduces the tightness behind tension headaches.",
            ),
            (
                "How hard should I pull with my hand?",
                "Hardly at all. The weight of the hand is enough; the neck muscles should "
                "feel a gentle pull, never a strain.",
            ),
            (
                "Is the neck stretch safe with a pinched nerve?",
                "If pain, numbness or pins and needles run down the arm, stop and get the "
                "nerve checked before stretching the neck.",
            ),
        ],
    },
    {
        "name": "Supine Spinal Twist",
        "body_part": "Back",
        "faqs": [
            (
                "Is twisting bad for a bulging disc?",
                "Gentle, supported twisting is often tolerated, but a bulging disc can "
                "react to rotation. Keep the range small and stop if pain travels.",
            ),
            (
                "Should both shoulders stay on the floor?",
                "Aim to keep them down; if the top shoulder lifts, lower the knees onto a "
                "cushion instead of forcing them to the floor.",
            ),
            (
                "Is the twist good to do before bed?",
                "Yes, a slow twist with long breaths is a calming way to unwind the back "
                "and can help you settle for sleep.",
            ),
        ],
    },
    {
        "name": "Wrist Flexor Stretch",
        "body_part": "Arms",
        "faqs": [
            (
                "Does this stretch help carpal tunnel syndrome?",
                "It may relieve mild symptoms by easing tight forearm muscles, but numb "
                "fingers at night need a proper diagnosis.",
            ),
            (
                "I type all day. How often should I stretch my wrists?",
                "A few short holds every hour or two at the keyboard work better than one "
                "long session at the end of the day.",
            ),
            (
                "Can it ease golfer's elbow?",
                "Stretching the forearm flexors is commonly part of rehab for pain on the "
                "inner side of the elbow, together with strengthening.",
            ),
        ],
    },
    {
        "name": "Butterfly Stretch",
        "body_part": "Hips",
        "faqs": [
            (
                "My knees stay high in the butterfly. Is that bad?",
                "No; the knees drop with time. Sit on a cushion to tilt the pelvis forward "
                "and let gravity do the work.",
            ),
            (
                "Can I do the butterfly stretch after a groin strain?",
                "Wait until walking is pain-free, then start with a very mild version and "
                "build up over a couple of weeks.",
            ),
            (
                "Which muscles does the butterfly stretch work?",
                "The adductors on the inside of the thighs, and to a lesser degree the "
                "muscles around the hips and the lower back.",
            ),
        ],
    },
]

# (query, exercise name, start of the expected question), by kind of query
RELEVANCE_BY_KIND = {
    "keywords": [
        ("herniated disc", "Cat-Cow", "Is Cat-Cow safe with a herniated disc"),
        ("sciatica", "Seated Figure-Four Stretch",
         "Does the figure-four stretch help with sciatica"),
        ("pregnant", "Child's Pose", "Can I do child's pose while pregnant"),
        ("carpal tunnel", "Wrist Flexor Stretch", "Does this stretch help carpal tunnel"),
        ("shin splints", "Wall Calf Stretch", "Is it useful for shin splints"),
        ("rotator cuff", "Cross-Body Shoulder Stretch", "Is it safe with a rotator cuff"),
        ("tension headaches", "Neck Side Stretch", "Can it help tension headaches"),
        ("golfer's elbow", "Wrist Flexor Stretch", "Can it ease golfer's elbow"),
        ("groin strain", "Butterfly Stretch", "Can I do the butterfly stretch after a groin"),
        ("rounded shoulders", "Doorway Chest Stretch", "Will this stretch fix rounded shoulders"),
        ("hand tingle", "Doorway Chest Stretch", "Why does my hand tingle"),
        ("pinched nerve neck", "Neck Side Stretch", "Is the neck stretch safe with a pinched"),
    ],
    "word forms": [
        ("kneeling hurting", "Dynamic Back Stretch (Kneeling)", "What can I do if kneeling hurts"),
        ("twists before sleeping", "Supine Spinal Twist", "Is the twist good to do before bed"),
        ("stretching wrists typing", "Wrist Flexor Stretch", "I type all day"),
        ("dizziness neck", "Neck Side Stretch", "Why do I feel dizzy"),
        ("cramping hamstrings", "Standing Quad Stretch", "Why does my hamstring cramp"),
        ("balancing quad stretch", "Standing Quad Stretch", "I wobble and lose my balance"),
        ("beginner safety", "Dynamic Back Stretch (Kneeling)",
         "Is this stretch safe for beginners"),
        ("pinching shoulder", "Cross-Body Shoulder Stretch", "The front of my shoulder pinches"),
    ],
    "typos": [
        ("herniatd disk", "Cat-Cow", "Is Cat-Cow safe with a herniated disc"),
        ("sciatca", "Seated Figure-Four Stretch",
         "Does the figure-four stretch help with sciatica"),
        ("pregnent", "Child's Pose", "Can I do child's pose while pregnant"),
        ("rotater cuff injury", "Cross-Body Shoulder Stretch", "Is it safe with a rotator cuff"),
        ("hamstrngs tight", "Standing Hamstring Stretch", "My hamstrings are always tight"),
        ("achilles tendonn sore", "Wall Calf Stretch", "My Achilles tendon feels sore"),
        ("plantar fascitis", "Wall Calf Stretch", "Can calf stretching relieve heel pain"),
        ("headahces desk", "Neck Side Stretch", "Can it help tension headaches"),
        ("butterfly knees hihg", "Butterfly Stretch", "My knees stay high in the butterfly"),
        ("dizy neck strech", "Neck Side Stretch", "Why do I feel dizzy"),
    ],
    "synonyms": [
        ("hammies always tight", "Standing Hamstring Stretch", "My hamstrings are always tight"),
        ("low back pain cat cow", "Cat-Cow", "Is Cat-Cow good for lower back pain"),
        ("lumbar pain hip flexors", "Kneeling Hip Flexor Stretch", "Can tight hip flexors"),
        ("quads runner's knee", "Standing Quad Stretch", "Does stretching the quadriceps help"),
        ("glutes figure four", "Seated Figure-Four Stretch", "Which muscles does the figure-four"),
        ("disk bulging twist", "Supine Spinal Twist", "Is twisting bad for a bulging disc"),
    ],
    "questions": [
        ("is it ok to stretch my calves for sore heels", "Wall Calf Stretch",
         "Can calf stretching"),
        ("what should I hold onto when I can't stay steady", "Standing Quad Stretch", "I wobble"),
        ("how many seconds to stay in the hip flexor stretch", "Kneeling Hip Flexor Stretch",
         "How long should I hold the stretch"),
        ("can I stretch at work in a chair", "Seated Figure-Four Stretch", "Can I do it sitting"),
        ("where will I feel the stretch in the back of my shoulder", "Cross-Body Shoulder Stretch",
         "Where should I feel the cross-body stretch"),
        ("which muscles does the butterfly work", "Butterfly Stretch",
         "Which muscles does the butterfly stretch work"),
        ("feet hurt in child's pose", "Child's Pose", "My ankles ache in child's pose"),
        ("can't kneel on the floor cat cow", "Cat-Cow", "Can I do Cat-Cow if I can't get down"),
    ],
    # Written before meaning-based ranking was tuned (issue 15): the words differ from the
    # entry's, and no synonym was added for them.
    "paraphrases": [
        ("can I do this when expecting a baby", "Child's Pose", "Can I do child's pose while"),
        ("fingers go numb during the stretch", "Doorway Chest Stretch", "Why does my hand tingle"),
        ("sore bottom and nerve pain down my leg", "Seated Figure-Four Stretch",
         "Does the figure-four stretch help with sciatica"),
        ("how often should I loosen my forearms when working at a keyboard",
         "Wrist Flexor Stretch", "I type all day"),
        ("I get headaches from staring at a computer screen", "Neck Side Stretch",
         "Can it help tension headaches"),
        ("the room spins when I tilt my head", "Neck Side Stretch", "Why do I feel dizzy"),
        ("pain on the inside of my elbow", "Wrist Flexor Stretch", "Can it ease golfer's elbow"),
        ("pulled a muscle in my inner thigh", "Butterfly Stretch",
         "Can I do the butterfly stretch after a groin"),
        ("my posture is hunched forward", "Doorway Chest Stretch",
         "Will this stretch fix rounded shoulders"),
        ("torn shoulder tendon", "Cross-Body Shoulder Stretch", "Is it safe with a rotator cuff"),
        ("my shin bones hurt when I run", "Wall Calf Stretch", "Is it useful for shin splints"),
        ("my foot hurts with the first steps out of bed", "Wall Calf Stretch",
         "Can calf stretching relieve heel pain"),
        ("can I still stretch with a slipped disc", "Cat-Cow",
         "Is Cat-Cow safe with a herniated disc"),
        ("rotating my spine with a damaged disc", "Supine Spinal Twist",
         "Is twisting bad for a bulging disc"),
        ("something to help me relax before sleeping at night", "Supine Spinal Twist",
         "Is the twist good to do before bed"),
        ("I notice it behind the knee and not in the back of the thigh",
         "Standing Hamstring Stretch", "Why do I feel it behind my knee"),
        ("should my spine curve forward to touch my feet", "Standing Hamstring Stretch",
         "Should I round my back to reach my toes"),
        ("my knees are sore on the hard floor", "Dynamic Back Stretch (Kneeling)",
         "What can I do if kneeling hurts"),
        ("I'm new to exercise, is this okay for me", "Dynamic Back Stretch (Kneeling)",
         "Is this stretch safe for beginners"),
        ("how far backwards should I bend when standing", "Dynamic Back Stretch (Standing)",
         "How far should I lean back"),
        ("before deadlifts and weight training", "Dynamic Back Stretch (Standing)",
         "Can I use this stretch as a warm-up before lifting"),
        ("I can't notice anything at the front of my pelvis", "Kneeling Hip Flexor Stretch",
         "Why don't I feel it in the front of my hip"),
        ("does tightness at the front of the hips cause back ache",
         "Kneeling Hip Flexor Stretch", "Can tight hip flexors"),
        ("how quickly should I go between the two positions", "Cat-Cow", "How fast should I move"),
        ("my front thigh muscle pulls on my kneecap after jogging", "Standing Quad Stretch",
         "Does stretching the quadriceps help"),
        ("back of my leg seizes up while holding my ankle", "Standing Quad Stretch",
         "Why does my hamstring cramp"),
        ("tops of my feet hurt resting on the floor in this pose", "Child's Pose",
         "My ankles ache in child's pose"),
        ("is this for relaxing or for flexibility", "Child's Pose",
         "Is child's pose a stretch or a resting position"),
        ("which part of my bum does this work", "Seated Figure-Four Stretch",
         "Which muscles does the figure-four"),
        ("stretch my hips without getting on the floor at the office",
         "Seated Figure-Four Stretch", "Can I do it sitting at my office"),
        ("how much force should I use to tilt my head", "Neck Side Stretch",
         "How hard should I pull"),
        ("electric feeling down my arm when I stretch my neck", "Neck Side Stretch",
         "Is the neck stretch safe with a pinched"),
        ("my shoulder hurts at the front when I pull my arm across",
         "Cross-Body Shoulder Stretch", "The front of my shoulder pinches"),
        ("loosen up before a swim", "Cross-Body Shoulder Stretch",
         "Is it a good warm-up before swimming"),
        ("my legs won't go down flat in this seated pose", "Butterfly Stretch",
         "My knees stay high in the butterfly"),
        ("inner thigh muscles", "Butterfly Stretch", "Which muscles does the butterfly stretch"),
        ("bent or straight leg behind me", "Wall Calf Stretch",
         "Should the back knee be straight or bent"),
        ("how many breaths should I stay in the position", "Kneeling Hip Flexor Stretch",
         "How long should I hold"),
        ("my heel cord hurts", "Wall Calf Stretch", "My Achilles tendon feels sore"),
        ("numb hands at night", "Wrist Flexor Stretch", "Does this stretch help carpal tunnel"),
    ],
}  # fmt: skip
RELEVANCE = [case for cases in RELEVANCE_BY_KIND.values() for case in cases]
