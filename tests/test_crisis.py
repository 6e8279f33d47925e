"""Crisis detector: hand-written cases per rule, plus the dev-set figures.

Every sentence here was written for these tests; none is copied from the
evaluation data.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
import sys
from pathlib import Path

import pytest

from peerhub.moderation import crisis
from peerhub.moderation.crisis import CrisisResult, Level, assess
from peerhub.moderation.crisis_branches import words_of
from peerhub.moderation.crisis_prep import prepare_tokens
from peerhub.moderation.normalize import normalize

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "crisis_dev.jsonl"
BENCH = Path(__file__).resolve().parents[1] / "bench"


def escalates(text: str) -> bool:
    return assess(text).escalates


# --- result type -------------------------------------------------------------


def test_result_is_frozen_and_escalates_only_on_crisis() -> None:
    result = assess("I want to kill myself tonight.")
    assert result.level is Level.CRISIS and result.escalates
    assert result.category == "suicide_self_harm"
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.level = Level.NONE  # type: ignore[misc]
    assert not CrisisResult(Level.CONCERN, "suicide_self_harm", ("x",)).escalates
    assert assess("Went for a walk with my sponsor.") == CrisisResult(Level.NONE, None, ())


def test_evidence_holds_rule_ids_never_user_text() -> None:
    text = "Zebrafish. I swallowed all my sleeping pills an hour ago."
    result = assess(text)
    assert result.escalates and result.category == "overdose_medical"
    assert result.evidence and all("." in e and " " not in e for e in result.evidence)
    assert not any("zebrafish" in e for e in result.evidence)


def test_level_values_are_the_documented_strings() -> None:
    assert [level.value for level in Level] == ["none", "concern", "crisis"]


# --- direct statements per category --------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I'm going to hang myself this weekend.", "suicide_self_harm"),
        ("Honestly I just want to die.", "suicide_self_harm"),
        ("I don't want to be alive anymore.", "suicide_self_harm"),
        ("I sliced my arm open and it keeps bleeding.", "suicide_self_harm"),
        ("I'm feeling suicidal tonight.", "suicide_self_harm"),
        ("pretty sure I'm overdosing, my vision is going black", "overdose_medical"),
        ("He isn't breathing and his face is turning blue.", "overdose_medical"),
        ("My uncle is having a seizure after quitting his klonopin.", "overdose_medical"),
        ("I'm going to stab my landlord when he comes by.", "danger_others"),
        ("My boyfriend is strangling me, please help.", "danger_others"),
    ],
)
def test_direct_statements_escalate_with_their_category(text: str, category: str) -> None:
    result = assess(text)
    assert result.escalates, text
    assert result.category == category


# --- normalisation rules reach the detector -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "i w4nt t0 k1ll mys3lf",  # leetspeak
        "g0nna d!e t0night, w4nt t0 d!e",  # symbols
        "S U I C I D A L and alone",  # spaced letters
        "k i l l m y s e l f",  # spaced words glued by spacing
        "I want to k**l myself",  # masked letters
        "feeling s*icidal",  # masked letters
        "I wanna diiiiie",  # repeated letters
        "I want to ki\u200bll myself",  # zero-width character
        "I wаnt to kіll mysеlf",  # Cyrillic look-alikes
        "i wAnNa KiLl MySeLf",  # mixed case
        "ready to 💀 myself",  # emoji in a dangerous frame
        "taking all of these 💊💊💊💊 tonight",  # pill emoji
    ],
)
def test_obfuscated_spellings_escalate(text: str) -> None:
    assert escalates(text), text


@pytest.mark.parametrize(
    "text",
    [
        "ngl i wanna kms",
        "about to unalive myself",
        "i'm od'ing i think, can't feel my face",
        "tryna sleep forever fr",
        "gonna check out of life tonight",
    ],
)
def test_slang_escalates(text: str) -> None:
    assert escalates(text), text


def test_skull_emoji_as_laughter_is_safe() -> None:
    assert not escalates("that meme 💀💀💀 I'm crying")


# --- context rules ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Crushed my presentation, totally killing it this month.",
        "Dying to try the new taco place.",
        "These cravings are killing me but I'm holding on.",
        "I could murder a plate of fries.",
        "My knees are killing me after the hike.",
        "Bored to death at the DMV.",
        "That cheesecake was to die for.",
        "My coach is going to kill me if I skip practice lol",
        "If this meeting runs any longer I'm jumping off the roof lol",
        "Shot myself in the foot by oversleeping.",
        "I'd kill for eight hours of sleep.",
    ],
)
def test_idioms_and_jokes_are_safe(text: str) -> None:
    assert not escalates(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I'm not suicidal, just worn out.",
        "I don't want to die, I want things to change.",
        "No urge to hurt myself tonight, just restless.",
        "I'm not going to kill myself, I'm just furious.",
        "My counselor asked if I want to hurt myself and I said no.",
        "I never thought about ending my life, even at rock bottom.",
    ],
)
def test_negated_statements_are_safe(text: str) -> None:
    assert not escalates(text), text


def test_negation_is_scoped_to_its_clause() -> None:
    assert escalates("I'm not okay, I want to kill myself.")
    assert escalates("I can't stop cutting myself.")
    assert escalates("I'm not going to the meeting. I want to die.")


@pytest.mark.parametrize(
    "text",
    [
        "Six years ago I overdosed in my car. Now I coach my son's soccer team.",
        "Back when I was drinking I tried to kill myself twice.",
        "I used to cut myself when I was a teenager.",
        "In 2017 I was found unresponsive and revived with Narcan.",
        "At my lowest I wanted to die every day.",
    ],
)
def test_resolved_past_is_safe(text: str) -> None:
    assert not escalates(text), text


def test_past_in_one_sentence_does_not_hide_danger_now() -> None:
    assert escalates("Years ago I overdosed and survived. Tonight I took all my pills again.")


@pytest.mark.parametrize(
    "text",
    [
        "Signs of an overdose include blue lips and slow breathing, so carry naloxone.",
        "If someone says they're suicidal, take it seriously and call 988.",
        "Stopping benzos suddenly can cause seizures; taper with your doctor.",
        "Our suicide prevention walk raised $2,000!",
        "The film had a character who overdoses and it hit close to home.",
        "I keep dying in this game, the final boss is brutal.",
    ],
)
def test_educational_media_and_gaming_talk_is_safe(text: str) -> None:
    assert not escalates(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Took my 12mg of Suboxone this morning, feeling good.",
        "My methadone dose went up to 90mg, clinic says it's normal.",
        "Got my monthly Vivitrol shot today.",
        "I take my gabapentin exactly as prescribed.",
    ],
)
def test_medication_as_prescribed_is_safe(text: str) -> None:
    assert not escalates(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Drank two beers last night and I feel terrible about it. Back to day one.",
        "I used again on Sunday. Calling my sponsor tonight.",
        "Relapsed after 60 days, physically okay but ashamed.",
    ],
)
def test_relapse_without_danger_is_safe(text: str) -> None:
    assert not escalates(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Gave my dog to my neighbor and I won't be needing my car anymore either.",
        "By the time anyone reads this I'll be gone.",
        "Everybody would be happier without me around.",
        "What's the point of getting up tomorrow.",
        "I won't be around much longer. Thanks for everything, all of you.",
        "If I don't make it to group next week, you'll understand why.",
        "I've been saving up my pills for a while now.",
        "I just don't see any reason to keep going.",
    ],
)
def test_indirect_warning_signs_escalate(text: str) -> None:
    assert escalates(text), text


@pytest.mark.parametrize(
    "text",
    [
        "my roommate snorted something and now he won't wake up",
        "my sister swallowed a whole bottle of her pills",
        "my buddy is making a gurgling noise after using, can't wake him up",
        "my aunt stopped drinking three days ago and now she's hallucinating and confused",
        "my friend says he's going to kill himself tonight",
        "a guy in my building said he's going to shoot up the school",
    ],
)
def test_third_person_danger_escalates(text: str) -> None:
    assert escalates(text), text


def test_danger_buried_in_a_long_post_escalates() -> None:
    post = (
        "Checking in after a busy week. Went to three meetings and my sponsor and I finished step six. "
        "The kids had a snow day so we built a fort in the living room, which was chaos but fun. "
        "I'm sitting on the roof of my building right now and I want to jump. "
        "Anyway, the new coffee place by the clinic is really good, recommend the oat latte."
    )
    assert len(post) > 300
    assert escalates(post)
    assert not escalates(post.replace("I'm sitting on the roof of my building right now and I want to jump. ", ""))


def test_two_warning_signs_make_a_crisis_one_is_a_concern() -> None:
    one = assess("I'm giving away my guitar.")
    assert one.level is Level.CONCERN and not one.escalates
    assert escalates("I'm giving away my guitar. I won't be needing it.")


def test_dangerous_use_plus_symptoms_combine() -> None:
    assert escalates("Just shot up and my chest feels tight, everything is going dark.")
    assert not escalates("My chest feels tight after the run.")


def test_withdrawal_needs_both_stopping_and_severe_symptoms() -> None:
    assert escalates("Quit drinking cold turkey on Monday and now I'm seeing bugs on the walls.")
    assert not escalates("Quit drinking on Monday, sleeping badly but okay.")


# --- implementation promises ----------------------------------------------------------


def _phrasings() -> list[str]:
    """Every parametrized phrasing of this module and the dev set's texts."""
    texts: list[str] = []
    module = sys.modules[__name__]
    for name in dir(module):
        if name.startswith("test_"):
            for mark in getattr(getattr(module, name), "pytestmark", []):
                if mark.name == "parametrize":
                    for value in mark.args[1]:
                        texts.append(value if isinstance(value, str) else str(value[0]))
    if DATA.exists():
        import json

        texts += [json.loads(line)["text"] for line in DATA.open(encoding="utf-8")]
    return texts


def test_every_rule_match_contains_one_of_its_anchors() -> None:
    """The anchor gate must never hide a match (see ``Rule.anchors``)."""
    for text in _phrasings():
        form, tokens = prepare_tokens(normalize(text))
        for rule, rx in zip(crisis._RULES, crisis._COMPILED):
            if rx.search(form):
                assert set(rule.anchors.split()) & tokens, (rule.name, "anchor missing")


def test_every_branch_match_contains_a_word_of_each_of_its_gate_sets() -> None:
    """The branch gate (``crisis_branches``, derived from the patterns) never hides a match either."""
    gated = [(rule.name, re.compile(part), sets) for rule, branches in zip(crisis._RULES, crisis._BRANCHES)
             for part, sets in zip(branches.parts, branches.words) if sets]
    checked = 0
    for text in _phrasings():
        form, tokens = prepare_tokens(normalize(text))
        words = words_of(tokens)
        for name, rx, sets in gated:
            if rx.search(form):
                checked += 1
                assert all(words & gate for gate in sets), (name, rx.pattern[:60])
    assert checked > 100


def test_dev_set_recall_and_false_positive_rate() -> None:
    if not DATA.exists():
        pytest.skip(f"evaluation data not found at {DATA} (shared/data is not checked out beside the repo)")
    sys.path.insert(0, str(BENCH))
    try:
        crisis_eval = importlib.import_module("crisis_eval")
    finally:
        sys.path.remove(str(BENCH))
    report = crisis_eval.evaluate(DATA)
    assert report["recall"] >= 0.95, report["misses"]
    assert report["fpr"] <= 0.05, report["false_positives"]


# --- families added after the held-out evaluation -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "lowkey about to sewer-slide after work",  # euphemism, split spelling
        "might just self delete this weekend",  # self-delete
        "gonna yeet myself off the overpass",  # yeet myself + place
        "plan to ctb before my birthday",  # ctb
        "ready to take a permanent nap, got the bars",  # sleep euphemism
        "going to rope after everyone leaves",  # rope as a verb
        "5uicidal and alone at the motel",  # leading digit for a letter
        "feeling s\u00fcicidal again",  # diacritic disguise
        "want to 🔪 myself so bad",  # knife emoji in a self frame
        "I'm sorry for all of it. You'll be rid of me soon, after I'm gone it won't matter.",  # finality
        "Handed my brother the keys to my truck and my bank password. Whoever finds me, I'm sorry.",
        "The policy covers everything after two years and it has been two years.",  # insurance clause
        "How much of my insulin would do it?",  # lethal amount
        "will half a bottle of vodka and my pills be enough to stop my heart",
        "his crew found out where I live and they're looking for me",  # veiled threats, hunted
        "I keep imagining smothering my newborn and I'm terrified",  # harm to an infant
        "my uncle quit the drink a week ago and is jerking all over, talking to people who aren't there",
        "my roommate is slumped over after a bump and only takes a breath every ten seconds",
        "been tweaking for days, shadow people everywhere and my heart keeps skipping",
    ],
)
def test_generalised_families_escalate(text: str) -> None:
    assert escalates(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Binge-watched so much I overdosed on baking shows this week.",
        "I'm dead if my sister sees I borrowed her jacket lol",
        "Someone else can have my seat at the banquet, I'll stand.",
        "Life is easier when I'm not commuting.",
        "I'm afraid I'll hurt my daughter's feelings if I skip her recital.",
        "I'd never hurt my baby, I'm just so tired.",
        "The urge to cut came back last night but I called my sister instead and she took my blades home.",
        "I haven't harmed myself in three years and I'm proud of that.",
        "I have zero intention of killing myself, I'm just exhausted.",
        "Killing myself is not on the table, I just need to rant.",
        "Tweaking my resume all weekend, my heart is racing before the interview.",
    ],
)
def test_generalised_family_hard_negatives_are_safe(text: str) -> None:
    assert not escalates(text), text


# --- families added after the held-out-3 blind measurement ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Please tell my son I always loved him.",  # farewell relayed through someone
        "I'll be at peace soon. Don't worry about me when I'm gone.",
        "Already said my goodbyes. Thanks for everything.",
        "Which overpasses around here don't have fencing?",  # researching a place
        "i know where i'd do it and when",  # plan known
        "the knife is out and I've already started",  # means out, started
        "she's been cutting herself all night and won't stop",  # someone else self-harming now
        "my brother is planning to take his own life, he told me an hour ago",
        "he's slipping back under even after two doses of narcan",  # re-sedation
        "my stepdad strangles me when he's drunk and he's home now",  # assault, present tense
        "I'm going to crack his skull open when he gets home",
        "he said he'd come back to finish me off",
        "me quiero morir, ya no aguanto",  # Spanish
        "decided I'm going to die tonight",
        "gave away my xbox and all my games to my nephew, won't be needing them",
        "sitting in my car at the edge of the quarry",
        "i'm gonna drink until my heart stops",
        "i took like 15 xans and a bottle of wine",  # pill slang, count
        "burned my wrist with a cigarette twice tonight",  # tool self-harm, past tense
        # laughter far from the sincere clause in a run-on post does not soften it
        "honestly i want to die, i keep thinking about it on the bus and at work and in the shower and before "
        "i fall asleep every single night this week, anyway the new manager is fine, the coffee machine broke again lol",
    ],
)
def test_holdout3_families_escalate(text: str) -> None:
    assert escalates(text), text


@pytest.mark.parametrize(
    "text",
    [
        "decided I'm going to die my hair purple lol",
        "gonna keep drinking coffee until my heart stops racing from this exam lol",
        "we parked by the quarry for a picnic",
        "my roommate keeps cutting herself off from everyone, I'm worried",
        "she's been burning herself out at work",
        "my brother hits me up every day to check on me",
        "I don't trust myself around cake",
        # "I have my xanax saved up for the flight" used to be here. Saved-up
        # benzodiazepines are a stockpile (the rules call it a warning sign); with
        # the model beside the rules it now escalates. That is deliberate: a card
        # shown privately costs less than a missed stockpile (see #6 note).
        "cut my leg with the razor shaving again ugh",
        "tell my mom i loved the flowers",
        "said my goodbyes to my mom before she passed in hospice",
        "I'll be back tomorrow to finish the job on the deck",
        "ya no quiero vivir aqui, the rent is crazy",
        "There was a time I believed my kids would be better off without me. Not anymore.",
        "Warning signs to watch for: giving things away, saying goodbye, talking about being a burden.",
        "The chorus goes 'I want to die tonight' and it's the catchiest song on the album",
        "In the movie, he tells his friend \"tell my wife I loved her\" before the battle. I cried.",
        "my cravings felt like they were going to kill me today but I made it to group",
    ],
)
def test_holdout3_family_hard_negatives_are_safe(text: str) -> None:
    assert not escalates(text), text


# --- plain-word families (crisis_lexicon_plain) ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "took a couple of pills with wine and now my whole body feels so heavy i can barely lift my arm",
        "she just went limp on the couch after the shot",
        "my cousin ain't responding after snorting a line, what do i do",
        "day three without drinking and i keep seeing people that my husband says aren't there",
        "my ex is on his way over with a gun right now",
        "he locked me in the basement and took my phone, i'm using a tablet",
        "the guy i owe said he'd find me and i'd regret it",
        "nobody needs to worry about me much longer",
        "this will be the last christmas anyone has to worry about me",
        "my teen has been hoarding meds in her closet and won't talk to me",
        "my friend took everything in his cabinet and texted bye, phone off now",
        "my roommate is behind a locked door next to an empty pill bottle",
        "i figured out how, and after tonight i'll disappear for good",
        "gonna catch the last train out of this life tonight",
    ],
)
def test_plain_word_crises_escalate(text: str) -> None:
    assert escalates(text), text


def test_rewriting_a_note_to_family_is_a_warning_sign_and_amends_letters_are_not() -> None:
    # Letters to family are everyday recovery work (step nine amends, gratitude
    # letters): a rewritten note alone goes to facilitators as a quiet review;
    # with a second sign it escalates.
    assert assess("i'm rewriting the note for the kids so it sounds less angry").level.value == "concern"
    assert escalates("finished the note to my kids, the pills are counted out and tonight is the night")
    for text in ("rewrote my gratitude letter to my kids for my step nine amends",
                 "I rewrote my amends letter to my family last night"):
        assert assess(text).level.value == "none", text


@pytest.mark.parametrize(
    "text",
    [
        "my legs felt heavy after the long run today",
        "i died to the final boss again, my character went limp lol",
        "i caught the last train home last night, so tired",
        "my teen has been hoarding candy in her room again haha",
        "my roommate is behind a locked door playing video games all night",
        "i figured out how to fix the sink finally",
        "i want to disappear for a week on a beach vacation",
        "my ex said he'd find me a good lawyer for the divorce",
        "he's on his way with a pizza",
        "my cat is going gray around the whiskers",
        "rehomed my foster kittens to lovely families today!",
    ],
)
def test_plain_word_look_alikes_do_not_escalate(text: str) -> None:
    assert not escalates(text), text


def test_plain_overdose_symptom_alone_is_not_a_crisis() -> None:
    # A heavy body needs recent use alongside it; after exercise it is nothing.
    assert not escalates("my whole body feels heavy today")
    assert escalates("mixed my pills with vodka and my whole body feels heavy")


# --- blind probe A: spellings and context ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "o.d.ing right now, everything is slow",
        "pretty sure he is o-d-ing, can't stand",
        "gonna k.i.l.l myself tonight",
        "ill kill him when he walks in",
        "hell shoot me the second he sees me",
        "shell m*rder me, she said so",
        "🪢 is up in the closet",
    ],
)
def test_blind_a_spellings_escalate(text: str) -> None:
    assert escalates(text), text


@pytest.mark.parametrize(
    "text",
    [
        "i feel ill today, staying in bed",
        "what the hell is wrong with my wifi",
        "the e.g. and i.e. rule, a.m. vs p.m.",
        "my id card expired so i can't fly",
        "well be there at noon",
        "🍺 + 🍕 = 😍",
        "i'm dead 💀 that meme",
    ],
)
def test_blind_a_spelling_look_alikes_are_safe(text: str) -> None:
    assert assess(text).level is Level.NONE, text


@pytest.mark.parametrize(
    "text",
    [
        # The negator of a condition stays in the condition.
        "if i don't answer tomorrow tell my brother i'm sorry and that i love him",
        "if he doesn't call back, tell my mom i loved her",
        # "and" ends the negator's clause.
        "four days no drinking and i'm hallucinating bugs on the ceiling",
        "not sleeping at all and i want to die",
    ],
)
def test_blind_a_negation_scope_does_not_hide_danger(text: str) -> None:
    assert escalates(text), text


@pytest.mark.parametrize(
    "text",
    [
        # Reported questions with a longer gap, and "asked about".
        "my counselor asked if i had been having any thoughts of self harm, and no",
        "the nurse asked me about self harm at intake, it's routine",
        # Preferences are not intent...
        "i'd rather jump off a cliff than sit through another budget meeting",
        "id rather die than wear those shoes lol",
        "i would rather drown than go to that reunion",
        # ...anniversaries and remembered pasts are not now.
        "two years ago tonight i overdosed in a parking lot. tonight i'm cooking dinner for my kids",
        "a year ago today i wanted to die. today i got my chip",
        "remember when i used to post here wanting to kill myself? not anymore",
        "blacked out and fell out at a show in '14. never again, 9 yrs this may",
        # Harm-reduction advice.
        "psa: don't stop benzos cold turkey, withdrawal seizures can kill. taper with your doctor",
        # Plans made with care teams.
        "relapsed after surgery, my doctor knows and we're making a plan",
        "my sponsor and i made a plan for the holidays",
        "no, i'm not using tonight. pizza and a movie is the plan",
    ],
)
def test_blind_a_context_keeps_safe_talk_safe(text: str) -> None:
    assert not escalates(text), text
    assert assess(text).level is Level.NONE or text.startswith(("id rather", "psa")), text


def test_blind_a_preference_for_death_over_living_still_counts() -> None:
    assert escalates("honestly i'd rather die than keep living like this, i want to die")
    assert not escalates("i'd rather die than go to that dentist again")


# --- blind probe A: implied crises (crisis_lexicon_implied) -----------------------


@pytest.mark.parametrize(
    "text",
    [
        # leaving for good in slang, no return, death preferred to living
        "honestly ready to log off permanently",
        "i just want to go to sleep forever and never wake up",
        "i'm heading somewhere no one can come back from. love you all",
        "this is a trip i won't come back from",
        "i'd rather be dead than keep living like this",
        # elliptic intent with tiredness of waking; calm after getting means
        "sick of waking up every day. this weekend i'll make sure i don't.",
        "picked up some rope after work. strangely calm about it",
        "got everything i need in the shed, weirdly calm about it",
        "gonna make the voices stop for good tonight",
        # goodbyes to a group, affairs, dependants placed before a deadline
        "this is my last time posting. you guys meant so much to me",
        "passwords are in the red folder on my desk. tell my sister i'm sorry",
        "life insurance is all paid up and i left my spare key with my neighbour",
        "could someone take my dog? need him rehomed by friday, after friday i won't be able to look after him",
        "after this weekend nobody will have to deal with me",
        "wrote letters to my kids and hid them where they'll find them",
        # self-harm told by a blade on a body part
        "🔪 across my wrist, it's deep this time",
        "razor on my thigh right now",
        "burning again tonight, lighter is right here",
        # killing in street slang, firearms in slang, debts, presence, history
        "bout to catch a body, dude robbed my little brother",
        "i'm going to smoke that dude tonight",
        "got my uncle's glock out and it's on my bed, i want to end it",
        "if i don't have his money by sunday he's going to hurt me, the guy i owe has a gun",
        "she said she'll stab me if i leave. she's standing at the door",
        "my ex is parked right behind me and he's the one who broke my nose",
        "the people i owe keep sending me photos of my mom's house",
        "i'm going to make him pay. he won't be walking out of there",
        "💊💊💊💊 + 🍺 = 💀 tonight",
        # overdose and withdrawal halves
        "my friend gave me a shot to get well and now i'm fading, chest feels weird",
        "my cousin hooked me up with a bag to fix and now i can barely keep my eyes open",
        "if i can't pay him by friday they're coming to break my legs",
        "blade's on my wrist again",
        "did way more than usual, it was straight fent, i can barely keep my eyes open",
        "he's been in the bathroom an hour with a fresh bag and isn't answering",
        "three days since my last drink and tiny people are running on the ceiling",
    ],
)
def test_blind_a_implied_families_escalate(text: str) -> None:
    assert escalates(text), text


@pytest.mark.parametrize(
    "text",
    [
        "i want to log off for the night, good chat everyone",
        "heading somewhere new for the weekend, can't wait",
        "i'd rather die than go back to that gym",
        "so tired of waking up at 5am for this job",
        "bought rope for the tent this weekend",
        "got everything i need for the lasagna",
        "finally made the dripping in the sink stop",
        "last time i posted here i was 30 days, now i'm at 90",
        "you guys meant a lot to me when i was in rehab and still do",
        "my passwords are in my password manager, obviously",
        "we're taking the dog to my sister's for the week while we travel",
        "after tonight i won't be able to eat carbs, diet starts tomorrow",
        "the knife on my arm slipped while i was chopping onions",
        "cutting again after my bulk, down two pounds",
        "this meme is going to smoke me lmao",
        "drop him off at school at 8",
        "my mom is going to kill me when she finds out i dented the car",
        "he's at the door with the pizza",
        "my mom sent me pictures of my kids at the park",
        "i'll make him pay for dinner next time",
        "my nephew has little toy soldiers all over the floor",
        "three days since my last drink and i feel great",
        "gonna bounce for good from this job, new one starts monday",
        "this is my last time posting a meal plan, i promise",
        "my teacher is going to kill me if i'm late again",
        "the guy i owe twenty bucks is my brother",
        "my keys are in the bowl by the door and my papers are on the desk",
        "they're coming to get me at five for the meeting",
    ],
)
def test_blind_a_implied_family_look_alikes_do_not_escalate(text: str) -> None:
    assert not escalates(text), text
