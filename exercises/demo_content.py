"""Demo exercises for local development and screenshots, written for StretchSite."""

EXERCISES = [
    {
        "name": "Dynamic Back Stretch (Standing)",
        "slug": "dynamic-back-stretch-standing",
        "seo_title": "Standing Dynamic Back Stretch: How to Do It, Tips & Benefits",
        "meta_description": (
            "A simple standing back mobility drill: lace your fingers, sweep your arms overhead "
            "and ease into a gentle arch. Step-by-step instructions plus practical tips for "
            "warming up a stiff back."
        ),
        "intro": (
            "The standing Dynamic Back Stretch is a flowing, no-equipment movement that loosens "
            "the muscles along your back and helps your spine move more freely. Because you keep "
            "moving rather than holding one position, it raises your temperature a little, gets "
            "blood flowing and gets you ready for harder work.\n\n"
            "It suits anyone who sits for long stretches of the day or tends to feel tight through "
            "the back. As your arms sweep overhead, your trunk, shoulders and hips work together, "
            "and the light arch at the top spreads a mild stretch along the spine. Done regularly, "
            "it can help your back feel less stiff, and keeping your midsection lightly braced "
            "adds a little core work that supports good posture.\n\n"
            "Use it as a warm-up before lifting or any sport that loads the back, or as a quick "
            "reset during the day. Begin slowly and build the range a little at a time as the "
            "movement starts to feel easy."
        ),
        "body_part": "Back",
        "primary_muscles": ["Erector spinae", "Latissimus dorsi"],
        "secondary_muscles": ["Core stabilizers", "Rhomboids", "Anterior deltoids"],
        "equipment": [],
        "optional_equipment": [],
        "difficulty": "beginner",
        "difficulty_note": (
            "Beginner: no equipment and a short, simple movement pattern that is easy to scale."
        ),
        "progression_rule": (
            "Begin with a small lean and an easy pace, then add range or a few extra reps only "
            "once every rep already feels smooth and comfortable."
        ),
        "setup_tip": "",
        "execution_tip": "",
        "equipment_tip": "",
        "sets_reps": [],
        "setup": [],
        "execution": [
            {
                "label": "",
                "text": (
                    "Stand up tall with your feet roughly shoulder-width apart and a soft bend in "
                    "both knees."
                ),
            },
            {
                "label": "",
                "text": (
                    "Lace your fingers together and push your hands straight out at chest height, "
                    "turning the palms to face away from you."
                ),
            },
            {
                "label": "",
                "text": (
                    "Keeping the elbows straight, raise your joined hands slowly until they sit "
                    "above your head."
                ),
            },
            {
                "label": "",
                "text": (
                    "As the arms travel up, let your upper body tip back a little so the spine "
                    "eases into a gentle arch."
                ),
            },
            {
                "label": "",
                "text": (
                    "Stay in that arch for a couple of seconds, then lower the arms and come back "
                    "upright with control."
                ),
            },
            {
                "label": "",
                "text": (
                    "Keep going for as many reps as you planned, making each one smooth and even."
                ),
            },
        ],
        "tips": [
            {
                "kind": "tip",
                "label": "",
                "text": "Put clean technique ahead of range; careless reps are how strains happen.",
            },
            {
                "kind": "tip",
                "label": "",
                "text": (
                    "Do a few minutes of easy movement first, such as marching on the spot or arm "
                    "circles, so your muscles are warm before you stretch them."
                ),
            },
            {
                "kind": "tip",
                "label": "",
                "text": (
                    "Breathe slowly and steadily. A long exhale as you arch helps the muscles let "
                    "go and lets the stretch settle in."
                ),
            },
            {
                "kind": "tip",
                "label": "",
                "text": (
                    "Brace your midsection lightly before the arms lift, and keep the back muscles "
                    "switched on for the whole rep."
                ),
            },
            {
                "kind": "tip",
                "label": "",
                "text": (
                    "Let your reach and lean grow only as your flexibility improves, bit by bit."
                ),
            },
            {
                "kind": "tip",
                "label": "",
                "text": (
                    "If anything feels uncomfortable or painful, make the lean smaller or stop. "
                    "The stretch should feel mild, never sharp."
                ),
            },
            {
                "kind": "tip",
                "label": "",
                "text": (
                    "Once the basic pattern feels easy, add gentle twists or side bends to reach "
                    "other parts of the back."
                ),
            },
            {
                "kind": "tip",
                "label": "",
                "text": (
                    "Stretch regularly. Several short sessions each week do more for flexibility "
                    "than an occasional long one."
                ),
            },
            {
                "kind": "tip",
                "label": "",
                "text": (
                    "Combine this drill with back and core strengthening work for a more complete "
                    "approach to a healthy back."
                ),
            },
            {
                "kind": "tip",
                "label": "",
                "text": (
                    "Rest between sets whenever you need to and never push into an overstretched "
                    "position."
                ),
            },
        ],
        "faqs": [
            {
                "question": "How far should I lean back in the standing version?",
                "answer": (
                    "Only a little. Think of lifting your chest toward the ceiling rather than "
                    "folding backwards. Stop at a mild stretch you can breathe through "
                    "comfortably, and keep your knees soft so the arch is shared along the spine."
                ),
                "anchor": "how-far-should-i-lean-back",
            },
            {
                "question": "Can I use this stretch as a warm-up before lifting?",
                "answer": (
                    "Yes. A set or two of slow reps makes a good part of a general warm-up before "
                    "strength training. Follow it with lighter sets of the lifts you are about to "
                    "do."
                ),
                "anchor": "warm-up-before-lifting",
            },
        ],
        "recommended_equipment": [],
        "related": ["dynamic-back-stretch-kneeling", "cat-cow", "doorway-chest-stretch"],
        "variations": ["dynamic-back-stretch-kneeling"],
        "status": "published",
    },
    {
        "name": "Dynamic Back Stretch (Kneeling)",
        "slug": "dynamic-back-stretch-kneeling",
        "seo_title": "Kneeling Dynamic Back Stretch: Form, Sets by Goal, Mistakes & FAQ",
        "meta_description": (
            "How to do the kneeling Dynamic Back Stretch to ease stiffness and loosen your lats "
            "and lower back. Covers setup, step-by-step technique, sets and reps for each goal, "
            "common errors, FAQs and optional gear."
        ),
        "intro": (
            "This drill pays off most when you stay loose and move on purpose. As you sit your "
            "hips back and reach your hands forward, a stretch should build slowly through the "
            "upper back, the lats and the lower back.\n\n"
            "On the way back up, aim to rebuild a tall, neutral spine rather than popping out of "
            "the position. You are not chasing the deepest stretch you can find: the point is to "
            "gain mobility through tidy reps you can repeat every time."
        ),
        "body_part": "Back",
        "primary_muscles": ["Latissimus dorsi", "Erector spinae"],
        "secondary_muscles": [
            "Rhomboids",
            "Middle trapezius",
            "Lower trapezius",
            "Posterior deltoids",
            "Core stabilizers",
        ],
        "equipment": [],
        "optional_equipment": ["Exercise mat", "Knee pad", "Yoga block", "Stretching strap"],
        "difficulty": "beginner",
        "difficulty_note": (
            "Beginner: quick to learn and a good fit for warm-ups, recovery days and mobility "
            "sessions."
        ),
        "progression_rule": (
            "Progress by adding control, a longer pause or a few more reps before you make the "
            "movement more complicated. Quality of movement always matters more than extra range."
        ),
        "setup_tip": (
            "Sore knees? Slide a folded mat or a knee pad underneath them for more padding."
        ),
        "execution_tip": "",
        "equipment_tip": (
            "Extras are there to make the stretch more comfortable and easier to control. If a "
            "tool hurts or drags you past a range you can manage, drop it or dial it back."
        ),
        "sets_reps": [
            {
                "goal": "Warm-up before training",
                "sets": "1–2",
                "reps": "8–12",
                "guidance": "Move slowly and keep every rep controlled.",
            },
            {
                "goal": "Daily mobility",
                "sets": "2–3",
                "reps": "10–15",
                "guidance": "Pause for a moment at the stretched end of each rep.",
            },
            {
                "goal": "Recovery / stiffness relief",
                "sets": "2–4",
                "reps": "6–10",
                "guidance": "Hold the stretched position for 3–5 seconds on each rep.",
            },
            {
                "goal": "Desk-break reset",
                "sets": "1–2 easy",
                "reps": "6–8",
                "guidance": (
                    "Gentle reps to take the edge off tightness in the upper and lower back."
                ),
            },
        ],
        "setup": [
            {
                "label": "Kneel on the floor",
                "text": (
                    "Position your knees below your hips, or set them a touch wider if that feels "
                    "better."
                ),
            },
            {
                "label": "Extend your arms forward",
                "text": (
                    "Rest both palms on the floor ahead of you and lengthen out through your "
                    "fingers."
                ),
            },
            {
                "label": "Brace the ribcage lightly",
                "text": (
                    "Hold a light brace through the ribs and let your neck relax in line with your "
                    "spine."
                ),
            },
            {
                "label": "Settle your feet",
                "text": (
                    "Rest either the tops of your feet or your tucked toes on the floor, whichever "
                    "feels better."
                ),
            },
            {
                "label": "Find a long spine",
                "text": (
                    "Before sitting back, lengthen through your back instead of sinking down "
                    "between your shoulders."
                ),
            },
        ],
        "execution": [
            {
                "label": "Reach long",
                "text": (
                    "Keep your arms straight and press your palms lightly into the floor so the "
                    "upper body carries some tension."
                ),
            },
            {
                "label": "Sit the hips back",
                "text": (
                    "Move your hips toward your heels and let your spine ease into a comfortable "
                    "stretch."
                ),
            },
            {
                "label": "Let the back lengthen",
                "text": (
                    "Notice the stretch spreading across the lats, middle back and lower back; "
                    "don't push for more range than feels easy."
                ),
            },
            {
                "label": "Hold for a breath",
                "text": (
                    "Pause at the deepest comfortable point for 1–3 seconds, breathing evenly with "
                    "relaxed shoulders."
                ),
            },
            {
                "label": "Come forward smoothly",
                "text": (
                    "Slide forward and bring your torso back to neutral or a slight arch, with no "
                    "jerky movement."
                ),
            },
            {
                "label": "Keep a steady rhythm",
                "text": (
                    "Flow between the stretched and upright positions at a slow, steady tempo for "
                    "all of your reps."
                ),
            },
        ],
        "tips": [
            {
                "kind": "tip",
                "label": "Reach with intent",
                "text": (
                    "Drive your fingertips forward. Reaching actively draws out the lats and gets "
                    "more from every rep."
                ),
            },
            {
                "kind": "tip",
                "label": "Hinge from the hips",
                "text": (
                    "Let the hips travel back as well. Sitting back spreads the stretch across the "
                    "whole back far better than rounding the spine on its own."
                ),
            },
            {
                "kind": "tip",
                "label": "Keep the neck easy",
                "text": (
                    "Don't crane your chin up or tuck it hard; let your head simply follow the "
                    "line of your spine."
                ),
            },
            {
                "kind": "mistake",
                "label": "Forcing extra depth",
                "text": (
                    "Only go as deep as you can while staying in control and breathing normally."
                ),
            },
            {
                "kind": "mistake",
                "label": "Rushing through reps",
                "text": (
                    "Hurried, choppy reps waste most of the mobility gain and make the drill "
                    "untidy."
                ),
            },
            {
                "kind": "mistake",
                "label": "Shrugging toward the ears",
                "text": "Keep your shoulders down, away from your ears, while you reach forward.",
            },
            {
                "kind": "tip",
                "label": "Pair it smartly",
                "text": (
                    "Slot it in next to rows, lat pulldowns, upper-back mobility work or a "
                    "recovery circuit."
                ),
            },
        ],
        "faqs": [
            {
                "question": "Where should I feel the kneeling Dynamic Back Stretch?",
                "answer": (
                    "Mostly through the **lats**, the middle back and the lower back. A mild pull "
                    "near the rear shoulders and down the flanks of your torso is common too. "
                    "Sharp pain in the spine is not normal: stop, and if it keeps happening, have "
                    "it checked by a doctor or physiotherapist."
                ),
                "anchor": "where-should-i-feel-it",
            },
            {
                "question": "Is it a good warm-up before a back workout?",
                "answer": (
                    "Yes. It makes a useful part of a warm-up because it loosens you up and frees "
                    "the spine and shoulders. Keep each rep flowing and active rather than "
                    "settling into a long, passive hold."
                ),
                "anchor": "good-before-a-back-workout",
            },
            {
                "question": "Is this stretch safe for beginners?",
                "answer": (
                    "For most people, yes. It is easy to scale because you decide how far to sit "
                    "back. Start with a small range, move slowly and stop well before mild "
                    "discomfort turns into pain. If you have a back condition, check with a "
                    "clinician first."
                ),
                "anchor": "safe-for-beginners",
            },
            {
                "question": "Should I hold the position or keep moving?",
                "answer": (
                    "This version is meant to be dynamic: you glide into the stretch and back out "
                    "of it under control. A short pause at the end position is fine, but the real "
                    "aim is fluid movement, not sitting still in one position for a long time."
                ),
                "anchor": "hold-or-keep-moving",
            },
            {
                "question": "What can I do if kneeling hurts my knees?",
                "answer": (
                    "Put an exercise mat, a folded towel or a knee pad under your knees. The extra "
                    "padding usually makes kneeling comfortable enough that you can pay attention "
                    "to your back instead."
                ),
                "anchor": "knees-hurt-when-kneeling",
            },
        ],
        "recommended_equipment": [
            {
                "name": "Exercise mat",
                "why": (
                    "A thick mat pads your knees, hands and hips whenever you work on the floor."
                ),
                "url": "",
            },
            {
                "name": "Foam roller",
                "why": (
                    "A few minutes of rolling before or after stretching can ease tight back "
                    "muscles and get you ready to move."
                ),
                "url": "",
            },
            {
                "name": "Stretching strap",
                "why": (
                    "A looped strap lets you bolt extra flexibility drills onto your regular "
                    "mobility sessions."
                ),
                "url": "",
            },
            {
                "name": "Knee pad",
                "why": (
                    "Makes kneeling stretches more comfortable, particularly when you train on a "
                    "hard floor."
                ),
                "url": "",
            },
            {
                "name": "Yoga block",
                "why": (
                    "Handy for support and positioning, and for making the stretch shallower while "
                    "your mobility improves."
                ),
                "url": "",
            },
        ],
        "related": ["cat-cow", "kneeling-hip-flexor-stretch", "dynamic-back-stretch-standing"],
        "variations": ["dynamic-back-stretch-standing"],
        "status": "published",
    },
    {
        "name": "Cat-Cow",
        "slug": "cat-cow",
        "seo_title": "Cat-Cow Stretch: How to Do It for a Mobile Spine",
        "meta_description": (
            "Learn the Cat-Cow stretch on hands and knees: alternate rounding and arching your "
            "spine in time with your breath. Setup, steps, sets for each goal, common mistakes and "
            "answers on back pain and safety."
        ),
        "intro": (
            "Cat-Cow is a gentle, rhythmic movement done on hands and knees. You alternate between "
            "rounding your back up like a stretching cat and letting it sag softly toward the "
            "floor, moving one segment of the spine at a time.\n\n"
            "Because it is low-effort and easy to control, it works well first thing in the "
            "morning, as part of a warm-up or as a break from long periods of sitting. Pair each "
            "direction with a breath and keep the range comfortable."
        ),
        "body_part": "Back",
        "primary_muscles": ["Erector spinae", "Rectus abdominis"],
        "secondary_muscles": ["Obliques", "Rhomboids", "Serratus anterior"],
        "equipment": [],
        "optional_equipment": ["Exercise mat", "Knee pad"],
        "difficulty": "beginner",
        "difficulty_note": "Beginner: small, controlled range that you can shrink or grow freely.",
        "progression_rule": (
            "Slow each cycle down and try to move one section of the spine at a time before adding "
            "more reps. Range should grow on its own, never by forcing it."
        ),
        "setup_tip": "Spread your fingers wide so the weight is shared across the whole hand.",
        "execution_tip": "Let the breath set the pace: inhale into Cow, exhale into Cat.",
        "equipment_tip": "",
        "sets_reps": [
            {
                "goal": "Warm-up before training",
                "sets": "1–2",
                "reps": "8–10 cycles",
                "guidance": "Smooth, unhurried cycles.",
            },
            {
                "goal": "Daily mobility",
                "sets": "2–3",
                "reps": "10–12 cycles",
                "guidance": "One slow breath for each direction.",
            },
            {
                "goal": "Desk-break reset",
                "sets": "1",
                "reps": "6–8 cycles",
                "guidance": "Easy range to undo the effects of sitting.",
            },
        ],
        "setup": [
            {"label": "Come onto hands and knees", "text": "Get onto all fours on a mat."},
            {
                "label": "Stack the joints",
                "text": "Line your wrists up below your shoulders and your knees below your hips.",
            },
            {
                "label": "Begin in neutral",
                "text": (
                    "Start with a flat back and your gaze on the floor just ahead of your hands."
                ),
            },
        ],
        "execution": [
            {
                "label": "Inhale into Cow",
                "text": (
                    "Breathe in as you let your belly drop, lift your chest forward and let your "
                    "gaze rise slightly."
                ),
            },
            {
                "label": "Exhale into Cat",
                "text": (
                    "Breathe out as you push the floor away, round your upper back toward the "
                    "ceiling and let your chin drift toward your chest."
                ),
            },
            {
                "label": "Flow between them",
                "text": (
                    "Keep moving between the two shapes at the pace of your breath for the planned "
                    "number of cycles."
                ),
            },
        ],
        "tips": [
            {
                "kind": "tip",
                "label": "Move segment by segment",
                "text": "Start the movement from the tailbone and let it ripple up to your head.",
            },
            {
                "kind": "tip",
                "label": "Stay tall through the arms",
                "text": (
                    "Keep pressing the floor away so your shoulders stay active and out of your "
                    "ears."
                ),
            },
            {
                "kind": "mistake",
                "label": "Over-extending the neck",
                "text": (
                    "Don't crank the neck back in Cow; the head follows the spine, it doesn't lead."
                ),
            },
            {
                "kind": "mistake",
                "label": "Rushing the cycles",
                "text": (
                    "Moving too fast turns it into a bounce. Slow, breath-led cycles are the goal."
                ),
            },
            {
                "kind": "mistake",
                "label": "Drifting backward",
                "text": (
                    "Shifting weight back onto the knees hides the movement; keep hips over knees."
                ),
            },
        ],
        "faqs": [
            {
                "question": "Is Cat-Cow good for lower back pain?",
                "answer": (
                    "Many people find gentle Cat-Cow cycles make a stiff lower back (the "
                    "**lumbar** spine) feel easier, because the movement is slow and fully under "
                    "your control. It is not a treatment, though. If your pain is severe, spreads "
                    "down a leg or lasts more than a few weeks, see a doctor or physiotherapist."
                ),
                "anchor": "lower-back-pain",
            },
            {
                "question": "Is Cat-Cow safe with a herniated disc?",
                "answer": (
                    "It depends on your individual case. Some people with a disc herniation are "
                    "advised to limit rounding of the spine, while others are given movements like "
                    "this as part of rehab. Ask your clinician before trying it, and stop if it "
                    "brings on pain, numbness or tingling."
                ),
                "anchor": "herniated-disc",
            },
            {
                "question": "How fast should I move?",
                "answer": (
                    "Slowly: roughly one full breath in and one full breath out per cycle. If you "
                    "find yourself rocking quickly, shrink the range and slow down."
                ),
                "anchor": "how-fast-should-i-move",
            },
            {
                "question": "Can I do Cat-Cow if I can't get down on the floor?",
                "answer": (
                    "Yes. Sit tall on a sturdy chair with your hands on your knees and perform the "
                    "same rounding and arching through your spine."
                ),
                "anchor": "seated-cat-cow",
            },
        ],
        "recommended_equipment": [
            {
                "name": "Exercise mat",
                "why": "Gives your hands and knees a comfortable, non-slip surface.",
                "url": "",
            },
            {
                "name": "Knee pad",
                "why": "Adds cushioning if kneeling on a hard floor is uncomfortable.",
                "url": "",
            },
        ],
        "related": [
            "dynamic-back-stretch-kneeling",
            "dynamic-back-stretch-standing",
            "kneeling-hip-flexor-stretch",
        ],
        "variations": [],
        "status": "published",
    },
    {
        "name": "Standing Hamstring Stretch",
        "slug": "standing-hamstring-stretch",
        "seo_title": "Standing Hamstring Stretch: Proper Form, Hold Times & FAQ",
        "meta_description": (
            "Stretch tight hamstrings without sitting on the floor. Learn the hip hinge that makes "
            "this standing stretch work, how long to hold it, common mistakes and answers to "
            "frequent questions."
        ),
        "intro": (
            "The Standing Hamstring Stretch lengthens the muscles along the back of the thigh "
            "using a simple hip hinge. It needs no equipment and you can do it almost anywhere, "
            "which makes it a handy cool-down after running, walking or leg training.\n\n"
            "The key is to fold from the hips with a long back rather than rounding down to reach "
            "your toes. Done that way, you feel the stretch where you want it: in the hamstrings, "
            "not in your lower back."
        ),
        "body_part": "Legs",
        "primary_muscles": ["Hamstrings"],
        "secondary_muscles": ["Calves", "Gluteus maximus"],
        "equipment": [],
        "optional_equipment": ["Yoga block", "Stretching strap"],
        "difficulty": "beginner",
        "difficulty_note": "Beginner: simple to learn, though tight hamstrings will limit range.",
        "progression_rule": (
            "Add hold time before adding depth. When a 45-second hold feels easy, hinge a little "
            "further while keeping the back long."
        ),
        "setup_tip": "Rest a hand on a wall or chair if you need help with balance.",
        "execution_tip": "",
        "equipment_tip": "",
        "sets_reps": [
            {
                "goal": "Post-workout cool-down",
                "sets": "2–3",
                "reps": "20–30 s hold per leg",
                "guidance": "Relaxed breathing.",
            },
            {
                "goal": "Daily flexibility",
                "sets": "2",
                "reps": "30–45 s hold per leg",
                "guidance": "Ease deeper on each exhale.",
            },
            {
                "goal": "Warm-up before training",
                "sets": "1–2",
                "reps": "6–8 slow reaches per leg",
                "guidance": "Move in and out of the stretch instead of holding it.",
            },
        ],
        "setup": [
            {
                "label": "Stand tall",
                "text": "Stand with your feet hip-width apart and hands on your hips.",
            },
            {
                "label": "Place one heel forward",
                "text": (
                    "Put one heel a short step forward with the toes pointing up and that knee "
                    "straight but not locked."
                ),
            },
            {
                "label": "Soften the back leg",
                "text": "Bend the back knee slightly so your weight sits over it.",
            },
        ],
        "execution": [
            {
                "label": "Hinge at the hips",
                "text": (
                    "Push your hips backward as if closing a drawer behind you, keeping your chest "
                    "long."
                ),
            },
            {
                "label": "Find the stretch",
                "text": (
                    "Lean forward only until you feel a clear stretch along the back of the front "
                    "thigh."
                ),
            },
            {
                "label": "Hold and breathe",
                "text": "Stay there for the planned time, breathing slowly.",
            },
            {
                "label": "Return and switch sides",
                "text": "Press through your feet to stand back up, then switch legs.",
            },
        ],
        "tips": [
            {
                "kind": "tip",
                "label": "Think long spine",
                "text": "Picture your chest moving toward the far wall, not toward your knee.",
            },
            {
                "kind": "tip",
                "label": "Adjust the foot",
                "text": (
                    "Pulling the front toes up adds the calf; leave them relaxed to focus on the "
                    "hamstrings."
                ),
            },
            {
                "kind": "mistake",
                "label": "Rounding the back",
                "text": "Rounding down to touch the toes shifts the stretch into your lower back.",
            },
            {
                "kind": "mistake",
                "label": "Locking the knee",
                "text": "A hard-locked front knee puts stress on the joint; keep a micro-bend.",
            },
            {
                "kind": "mistake",
                "label": "Bouncing",
                "text": (
                    "Bouncing at the bottom makes the muscle guard. Hold still and breathe instead."
                ),
            },
        ],
        "faqs": [
            {
                "question": "My hamstrings are always tight. How often should I stretch them?",
                "answer": (
                    "Short, regular sessions work better than occasional long ones. Try a few "
                    "30-second holds per leg on most days and be patient: tight hamstrings usually "
                    "loosen over weeks, not days."
                ),
                "anchor": "hamstrings-always-tight",
            },
            {
                "question": "Should I round my back to reach my toes?",
                "answer": (
                    "No. Touching your toes isn't the goal. Keep your back long and hinge from the "
                    "hips; you'll feel more in the hamstrings even if your hands end up higher."
                ),
                "anchor": "round-my-back",
            },
            {
                "question": "Why do I feel it behind my knee instead of my thigh?",
                "answer": (
                    "Try bending the front knee slightly and hinging less deeply. A pulling "
                    "feeling behind the knee, or any tingling down the leg, can mean you are "
                    "stretching nerves rather than muscle. Ease off, and if it keeps happening, "
                    "ask a physiotherapist to take a look."
                ),
                "anchor": "felt-behind-the-knee",
            },
        ],
        "recommended_equipment": [
            {
                "name": "Yoga block",
                "why": (
                    "Rest your hands on a block if you can't reach far without rounding your back."
                ),
                "url": "",
            },
        ],
        "related": ["kneeling-hip-flexor-stretch", "cat-cow"],
        "variations": [],
        "status": "published",
    },
    {
        "name": "Kneeling Hip Flexor Stretch",
        "slug": "kneeling-hip-flexor-stretch",
        "seo_title": "Kneeling Hip Flexor Stretch: How to Do It Right & Common Mistakes",
        "meta_description": (
            "Loosen the front of your hips with the kneeling hip flexor stretch. Learn the pelvic "
            "tuck that makes it work, how long to hold it, mistakes to avoid and FAQs for desk "
            "workers and runners."
        ),
        "intro": (
            "Long hours of sitting keep the hip flexors in a shortened position. The Kneeling Hip "
            "Flexor Stretch opens up the front of the hip using a half-kneeling position and a "
            "small tuck of the pelvis.\n\n"
            "Most people lunge forward and feel very little. The trick is to squeeze the glute on "
            "the kneeling side and tilt the pelvis under first: with that in place, even a small "
            "forward shift produces a clear stretch."
        ),
        "body_part": "Hips",
        "primary_muscles": ["Iliopsoas", "Rectus femoris"],
        "secondary_muscles": ["Tensor fasciae latae", "Gluteus maximus", "Core stabilizers"],
        "equipment": [],
        "optional_equipment": ["Exercise mat", "Knee pad"],
        "difficulty": "beginner",
        "difficulty_note": "Beginner: the pelvic tuck takes a little practice to feel.",
        "progression_rule": (
            "Master the pelvic tuck and hold time first. Only then add an overhead reach on the "
            "kneeling side to extend the stretch further."
        ),
        "setup_tip": "Pad the down knee with a folded mat or a knee pad on hard floors.",
        "execution_tip": "",
        "equipment_tip": "",
        "sets_reps": [
            {
                "goal": "Desk-break reset",
                "sets": "1–2",
                "reps": "20–30 s hold per side",
                "guidance": "Gentle, relaxed breathing.",
            },
            {
                "goal": "Post-workout cool-down",
                "sets": "2",
                "reps": "30–45 s hold per side",
                "guidance": "Keep the glute squeezed.",
            },
            {
                "goal": "Warm-up before training",
                "sets": "1–2",
                "reps": "8–10 slow rocks per side",
                "guidance": "Shift in and out of the stretch rather than holding it.",
            },
        ],
        "setup": [
            {
                "label": "Half-kneel",
                "text": (
                    "Kneel on one knee with the other foot flat in front of you, both knees near "
                    "90 degrees."
                ),
            },
            {
                "label": "Stand the torso up",
                "text": "Keep your torso upright with hands on your hips or front knee.",
            },
            {
                "label": "Tuck the pelvis",
                "text": "Squeeze the glute on the kneeling side and gently tilt your pelvis under.",
            },
        ],
        "execution": [
            {
                "label": "Shift forward",
                "text": (
                    "Keeping the tuck, move your hips slowly forward until you feel a stretch at "
                    "the front of the back hip."
                ),
            },
            {
                "label": "Hold and breathe",
                "text": "Stay there, breathing slowly and keeping your ribs down.",
            },
            {"label": "Return and switch", "text": "Ease back to the start, then switch legs."},
        ],
        "tips": [
            {
                "kind": "tip",
                "label": "Less distance, more tuck",
                "text": (
                    "A small forward shift with a good pelvic tuck beats a big lunge every time."
                ),
            },
            {
                "kind": "tip",
                "label": "Add an overhead reach",
                "text": (
                    "For more stretch, raise the arm on the kneeling side and lean slightly away."
                ),
            },
            {
                "kind": "mistake",
                "label": "Arching the lower back",
                "text": (
                    "Letting the lower back arch lets the pelvis tip forward and removes the "
                    "stretch."
                ),
            },
            {
                "kind": "mistake",
                "label": "Front foot too close",
                "text": (
                    "If the front knee slides far past the toes, move the front foot further out."
                ),
            },
        ],
        "faqs": [
            {
                "question": "Why don't I feel it in the front of my hip?",
                "answer": (
                    "Usually the pelvis is tipping forward. Squeeze the glute of the kneeling leg, "
                    "tuck your tailbone under and shorten how far you shift forward. The stretch "
                    "should show up right away."
                ),
                "anchor": "not-feeling-it",
            },
            {
                "question": "Can tight hip flexors contribute to lower back pain?",
                "answer": (
                    "They can be one of several factors in how the lumbar area feels, especially "
                    "if you sit a lot. Stretching them is a reasonable part of a routine, but back "
                    "pain has many causes, so see a clinician if it is persistent or severe."
                ),
                "anchor": "hip-flexors-and-lower-back",
            },
            {
                "question": "How long should I hold the stretch?",
                "answer": (
                    "Around 20–45 seconds per side is plenty for most people. Repeat once or twice "
                    "rather than holding for minutes."
                ),
                "anchor": "how-long-to-hold",
            },
        ],
        "recommended_equipment": [
            {
                "name": "Knee pad",
                "why": "Takes the pressure off the down knee on hard floors.",
                "url": "",
            },
            {
                "name": "Exercise mat",
                "why": "Adds grip and cushioning for the whole half-kneeling position.",
                "url": "",
            },
        ],
        "related": ["standing-hamstring-stretch", "cat-cow", "dynamic-back-stretch-kneeling"],
        "variations": [],
        "status": "published",
    },
    {
        "name": "Doorway Chest Stretch",
        "slug": "doorway-chest-stretch",
        "seo_title": "Doorway Chest Stretch: Open Tight Pecs and Shoulders",
        "meta_description": (
            "Use any doorway to stretch a tight chest and the fronts of your shoulders. Arm "
            "positions, hold times, common mistakes and safety answers for this simple "
            "posture-friendly stretch."
        ),
        "intro": (
            "Hours at a desk or phone screen tend to pull the shoulders forward. The Doorway Chest "
            "Stretch uses a door frame to open up the chest and the fronts of the shoulders, and "
            "all it needs is a doorway.\n\n"
            "Changing the height of your arms shifts which part of the chest you feel most, so you "
            "can explore a few positions and keep the ones that feel best."
        ),
        "body_part": "Chest",
        "primary_muscles": ["Pectoralis major", "Pectoralis minor"],
        "secondary_muscles": ["Anterior deltoids", "Biceps brachii"],
        "equipment": [],
        "optional_equipment": [],
        "difficulty": "beginner",
        "difficulty_note": "Beginner: easy to set up; go gently if your shoulders are sensitive.",
        "progression_rule": (
            "Build hold time and try the higher and lower arm positions before stepping further "
            "through the doorway."
        ),
        "setup_tip": "A staggered stance makes it easier to control how far you lean.",
        "execution_tip": "",
        "equipment_tip": "",
        "sets_reps": [
            {
                "goal": "Desk-break reset",
                "sets": "1–2",
                "reps": "20–30 s hold",
                "guidance": "Relax your neck and breathe slowly.",
            },
            {
                "goal": "Post-workout cool-down",
                "sets": "2–3",
                "reps": "30 s hold",
                "guidance": "Try a different arm height each set.",
            },
        ],
        "setup": [
            {"label": "Face the doorway", "text": "Stand in an open doorway, facing through it."},
            {
                "label": "Set the forearms",
                "text": (
                    "Place your forearms on the frame with elbows at about shoulder height and "
                    "bent to roughly 90 degrees."
                ),
            },
            {
                "label": "Stagger your feet",
                "text": "Step one foot forward into a short staggered stance.",
            },
        ],
        "execution": [
            {
                "label": "Lean forward",
                "text": (
                    "Shift your weight gently onto the front foot until you feel a stretch across "
                    "the chest."
                ),
            },
            {
                "label": "Hold tall",
                "text": "Keep your ribs down and your chin level while you hold.",
            },
            {"label": "Ease out", "text": "Step back out of the stretch slowly to finish."},
        ],
        "tips": [
            {
                "kind": "tip",
                "label": "Play with arm height",
                "text": (
                    "Arms lower than the shoulders target the upper chest; higher arms reach the "
                    "lower fibers."
                ),
            },
            {
                "kind": "tip",
                "label": "Try a single arm",
                "text": "One arm at a time lets you focus on a tighter side.",
            },
            {
                "kind": "mistake",
                "label": "Over-leaning",
                "text": "Leaning too far forces the front of the shoulder; keep it a mild stretch.",
            },
            {
                "kind": "mistake",
                "label": "Arching and poking the chin",
                "text": (
                    "Letting the lower back arch and the head poke forward reduces the chest "
                    "stretch."
                ),
            },
        ],
        "faqs": [
            {
                "question": "Is the doorway stretch safe if I have a shoulder injury?",
                "answer": (
                    "Take care. If you have had a dislocation, impingement or a rotator cuff "
                    "injury, check with a doctor or physiotherapist first, and keep the arms low "
                    "and the stretch mild."
                ),
                "anchor": "shoulder-injury",
            },
            {
                "question": "Why does my hand tingle during the stretch?",
                "answer": (
                    "Tingling suggests the stretch is pressing on nerves rather than muscle. Lower "
                    "your arms, lean less and come out of it. If it keeps happening, mention it to "
                    "a clinician."
                ),
                "anchor": "hand-tingling",
            },
            {
                "question": "Will this stretch fix rounded shoulders?",
                "answer": (
                    "On its own, probably not. It can help the chest feel less tight, but posture "
                    "also depends on strength and habits, so pair it with upper-back exercises and "
                    "regular breaks from sitting."
                ),
                "anchor": "rounded-shoulders",
            },
        ],
        "recommended_equipment": [],
        "related": ["dynamic-back-stretch-standing", "cat-cow"],
        "variations": [],
        "status": "published",
    },
]
