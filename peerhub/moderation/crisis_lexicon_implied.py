"""Phrase families for crises that are implied rather than said.

Same conventions as ``crisis_lexicon`` (weights, anchors, ``robust``; weight-0
``tag.*`` rules only count in the combinations ``crisis.assess`` defines).
These families were added after a blind probe written without sight of the
rules showed them missing:

* leaving for good in slang ("dip permanently", "log off forever"), going
  "somewhere I can't come back from", preferring death to living;
* elliptic intent ("going to make sure I don't."), tiredness of waking up,
  an uncanny calm after getting the means, "everything I need" gathered,
  making the noise in one's head stop for good;
* goodbyes to a group ("last time logging on", "you all meant a lot"),
  affairs for whoever is left (passwords and keys left with someone, life
  insurance in place), a pet or dependant placed before a deadline,
  "after tonight nobody will have to deal with me";
* self-harm told by a blade on a body part, a cut "deep this time", a
  subject-less "cutting again";
* killing in street slang ("catch a body", "smoke him"), a firearm in slang
  or in reach, threats tied to a debt and a deadline, a threatener at the
  door, a history of violence, photos of one's home sent as a warning,
  revenge ("make him pay", "he won't walk out of there");
* emoji equations that end in death ("💊 + 🍾 = 💀", see ``crisis_prep``);
* the halves of an overdose: use told as being given a shot, using more than
  usual or a fresh bag; fading, eyes that barely stay open; the halves of
  withdrawal: days since the last drink, little figures in the corner.
"""

from __future__ import annotations

from peerhub.moderation.crisis_lexicon import DANGER, OVERDOSE, PILLS, SUICIDE, Rule
from peerhub.moderation.crisis_lexicon_medical import TAG_OD_SYMPTOM, TAG_USE, TAG_WD_SYMPTOM, TAG_WITHDRAWAL

FIREARM = r"(?:gun|guns|pistol|rifle|shotgun|revolver|handgun|glock|strap|heater|blicky|9mm|draco|ar-?15|shotty|piece)"
_BLADE = r"(?:knife|blade|blades|razor|razors|lighter|box cutter|scissors|glass|shard)"
_BODY = r"(?:arms?|wrists?|thighs?|legs?|stomach|skin|hips?|ankles?|forearms?|shoulders?|chest|neck|throat)"
_SOON = r"(?:tonight|today|tomorrow|this (?:week|weekend)|\w+day|that|then|this|sunday|monday|friday|saturday)"
_INTENT_LEAVE = r"(?:want to|going to|about to|ready to|need to|time to|wish i could|i'll|i will|i'm going to|just)"
_NOT_PLACE = r"(?! (?:from|out of|to|with|at|in|on|after)\b)"
_CARER = r"(?:nobody|no one|none of you|you all|y'all|you guys|everyone|everybody|anyone|anybody|they|you|my family)"
_ME_LEAVE = (
    r"(?:dip|dipping|bounce|bouncing|log off|logging off|clock out|clocking out|tap out|tapping out|peace out|"
    r"sleep|go to sleep|fall asleep|rest|go away|close my eyes|leave this (?:world|earth|life|planet))"
)

IMPLIED_RULES: tuple[Rule, ...] = (
    # --- leaving for good, no return, death preferred ---------------------------
    # Two entries: "for good" is anchored on the leaving verb, because "good"
    # is too common a word to gate a pattern on.
    Rule("suicide.leave_forever", SUICIDE, 2, "permanently forever wake",
         rf"\b{_INTENT_LEAVE} (?:\w+ )?{_ME_LEAVE} (?:permanently|forever|and never wake up)\b{_NOT_PLACE}"),
    Rule("suicide.leave_forever", SUICIDE, 2, "dip dipping bounce bouncing log logging clock clocking tap tapping peace away close leave",
         rf"\b{_INTENT_LEAVE} (?:\w+ )?{_ME_LEAVE} for good\b{_NOT_PLACE}"),
    Rule("suicide.no_return", SUICIDE, 2, "back",
         r"\b(?:going|headed|heading|leaving|off) (?:to )?(?:somewhere|someplace|a place|places?) (?:where )?(?:(?:i|you) "
         r"(?:can't|cannot|won't|will not|can never|will never)|(?:nobody|no one) (?:can|will|could|ever)) (?:come|get) back(?: from)?\b"
         r"|\b(?:a|the) (?:trip|journey|place|road) (?:i|that i) (?:won't|will not|can't|cannot|am not going to) "
         r"(?:come|get) back (?:from|on)\b"),
    Rule("suicide.rather_dead", SUICIDE, 2, "rather",
         r"\b(?:i'd|i would|would|i) (?:much |really |honestly )?rather (?:be dead|die|not exist|not wake up|not be here|"
         r"not be alive) than (?:\w+ ){0,2}?(?:live|living|be alive|go on|going on|keep going|wake up|face|feel|be here|"
         r"spend another|another day)\b"),
    # --- elliptic intent, calm, means gathered --------------------------------
    Rule("suicide.elliptic", SUICIDE, 1, "sure waking",
         r"\bmake sure i (?:don't|do not|never|won't)\s*(?:[.!]|$)"
         r"|\b(?:tired|sick|exhausted) of (?:waking up|getting up|opening my eyes)\b"
         r"(?! (?:at|early|so early|to|with|before|for|in the|every (?:morning|day) at|on)\b)"),
    Rule("suicide.calm_means", SUICIDE, 1, "calm peaceful peace",
         r"\b(?:weirdly|strangely|oddly|eerily|suddenly|so) (?:calm|peaceful|at peace) (?:about (?:it|everything|the whole thing)|"
         r"now that|since (?:i|deciding|then))\b"),
    Rule("suicide.means_bought", SUICIDE, 1, "rope cord everything",
         r"\b(?:bought|got|picked up|grabbed|ordered|have) (?:a |some |the |a length of |enough )?(?:rope|cord|extension cord)\b"
         r"(?! (?:for (?!(?:tonight|myself|me|it)\b)|to (?:tie|hang) (?:the|a|up)|light|lights)\b)"
         r"|\b(?:got|have|gathered|bought|laid out|set out) everything i need\b"
         r"(?! (?:for|to (?:make|cook|bake|build|start|fix|finish|paint|pack|move|get))\b)"),
    Rule("suicide.make_stop", SUICIDE, 2, "stop",
         r"\bmake (?:the |my |this |it |all )?(?:noise|noises|voices?|thoughts?|pain|hurting|screaming|static|buzzing|racing|"
         r"everything|it all|all of it|head|brain|mind)(?: \w+){0,4}? stop (?:for good|forever|permanently|once and for all)\b"),
    # --- goodbyes to a group, affairs, dependants placed ---------------------
    Rule("suicide.last_time", SUICIDE, 1, "last final",
         r"\b(?:(?:my|the) )?(?:last|final) time (?:i'll |i will |i'm |ever )?(?:logging|log|posting|post|checking|check|coming on|"
         r"being on|on here|writing|write|reaching out|signing|saying anything|asking (?:anyone|anybody|you|for help)|"
         r"ask (?:anyone|anybody|you all|you guys|for help)|bothering|bother)\b"
         r"(?=\s*(?:[.,!]|$| here| on\b| in here| in this| to (?:you|this|the group)| ever| anything| again))"),
    Rule("suicide.meant_past", SUICIDE, 1, "meant",
         r"\b(?:you|you all|you guys|y'all|this group|this place|everyone here|all of you) "
         r"(?:really |truly )?meant (?:a lot|so much|everything|the world|more than you know) to me\b"),
    Rule("suicide.affairs_left", SUICIDE, 1, "passwords password pins pin logins login will info details insurance keys key where",
         r"\b(?:passwords?|pins?|logins?|account info|bank (?:info|details)|my will|insurance (?:papers|policy)) "
         r"(?:are|is|'re) (?:all )?(?:in|on|under|inside|taped (?:to|under)|written (?:in|on)) (?:the|my) \w+"
         r"|\b(?:life )?insurance (?:is|'s) (?:all )?(?:paid up|current|in place|sorted|set|squared away|up to date)\b"
         r"|\bleft (?:my |the )?(?:spare |house |car )?keys? with\b"
         r"|\bwhere (?:my \w+|she|he|they|someone|somebody|the police) ?(?:will|'ll|can|would) find (?:it|them|the \w+)\b"),
    Rule("suicide.dependant_placed", SUICIDE, 1,
         "placed rehomed adopted taken gone picked look care feed watch there "
         "cat cats dog dogs pet pets kitten kittens puppy bird rabbit hamster",
         r"\b(?:need|needs|want) (?:him|her|them|my \w+|the \w+) (?:placed|rehomed|adopted|taken|gone|picked up) by\b"
         rf"|\bafter {_SOON} i (?:won't|will not|can't|cannot) be (?:able to |around to )?(?:look after|take care of|care for|"
         r"feed|watch|be there for)\b"
         r"|\b(?:taking|bringing|dropping|sending|handing|giving) (?:my|the|our) (?:\w+ )?(?:cats?|dogs?|pets?|kittens?|puppy|"
         r"bird|rabbit|hamster) (?:off )?to (?:\w+ ){1,3}?(?:for good|permanently|forever|to keep)\b"),
    Rule("suicide.burden_deadline", SUICIDE, 2, "after",
         rf"\bafter {_SOON},? {_CARER} (?:will|'ll|won't|wont|will ever) (?:\w+ ){{0,2}}?(?:have|need|has) to "
         r"(?:worry|deal|put up|bother|care|take care|think) (?:about|with|of) me\b"),
    # --- self-harm ---------------------------------------------------------------
    Rule("self_harm.blade_on_body", SUICIDE, 2, "knife blade blades razor razors lighter cutter scissors glass shard knife's blade's razor's lighter's glass's",
         rf"\b{_BLADE}(?: is|'s)? (?:on|into|across|against|to|in|along) my {_BODY}\b"
         r"(?!.{0,50}\b(?:shaving|by accident|accidentally|cooking|chopping|slipped|tattoo|doctor|nurse|surgeon)\b)"),
    Rule("self_harm.cut_deep", SUICIDE, 1, "deep cutting burning",
         r"\b(?:it's|its|it is|they're|the cuts? (?:is|are)|cut is) (?:so |too |really |pretty |way )?deep "
         r"(?:this time|tonight|again)\b"
         r"|\b(?<![a-z'] )(?:cutting|burning) (?:myself )?(?:again|tonight|right now)\b"
         r"(?! (?:after|for|this|my|before) (?:\w+ )?(?:bulk|season|summer|carbs|calories|weight|cycle|hair|grass|lawn|wood)\b)"),
    # --- danger to and from others -----------------------------------------------
    Rule("danger.slang_kill", DANGER, 2, "body smoke pop cap merk murk wet clap off drop",
         r"\b(?:catch|catching|caught|going to catch|about to catch) (?:a |another )?body\b"
         r"|\b(?:going to|gonna|about to|finna|will|i'll|he'll|she'll|they'll|want to|wants to|ready to|swear i'll) "
         r"(?:\w+ )?(?:smoke|pop|cap|merk|murk|body|wet|clap|off|drop) (?:him|her|them|me|you|us|that \w+|my \w+|his \w+|the \w+)\b"
         r"(?! (?:a|an|some|out|up|in|at|on|off|over|by|with|to|for|home|back|down|line|text|message)\b)"),
    Rule("suicide.firearm_ready", SUICIDE, 1, "out lap hand pocket waistband bed loaded",
         rf"\b(?:got|took|have|pulled|get|getting) (?:out )?(?:my |the |a |his |her )?(?:\w+'?s )?{FIREARM} out\b(?! of)"
         rf"|\b(?:the |my |a )?{FIREARM} (?:is |'s )?(?:in my (?:lap|hand|pocket|waistband)|on (?:me|the bed|my bed)|loaded)\b"),
    Rule("danger.debt_deadline", DANGER, 1, "pay have get come bring owe",
         r"\bif i (?:don't|do not|can't|cannot|didn't) (?:pay|have|get|come up with|bring|hand over) (?:\w+ ){0,5}?"
         r"(?:he|she|they)(?:'s| is|'re| are|'ll| will) (?:going to |gonna )?(?:come|coming|find|send|hurt|kill|smoke|do|"
         r"break|make|pop|take)\b"
         r"|\bthe (?:guy|dude|man|men|people|person|plug|dealer|connect|ones?) (?:i|we) owe (?:money (?:to )?)?"
         r"(?:keeps?|kept|said|says|is (?!my\b)|are (?!my\b)|was|texted|knows|found|threatened|has|sent|showed|came|called|told)"),
    Rule("danger.coming_to_hurt", DANGER, 2, "coming",
         r"\b(?:he's|she's|they're|he is|she is|they are|people are|guys are|\w+ is) (?:\w+ )?coming (?:\w+ ){0,2}?to "
         r"(?:kill|hurt|beat|shoot|stab|break|smash|jump|rob|end|smoke|pop|murder|finish) (?:me|us|my)\b"),
    Rule("danger.at_door", DANGER, 1, "standing sitting waiting parked pacing banging at outside behind door leave",
         r"\b(?:he's|she's|they're|he is|she is|they are) (?:\w+ )?(?:standing|sitting|waiting|parked|pacing|yelling|screaming)? ?"
         r"(?:right )?(?:at|outside|in front of|behind|by) (?:the|my|our) (?:front |back )?(?:door|window|house|apartment|"
         r"building|car|room|place)\b"
         r"|\bparked (?:right )?(?:behind|next to|beside) (?:me|my car)\b"
         r"|\bfollowed me (?:\w+ ){1,4}?(?:to my (?:car|house|place|door|apartment)|home)\b"
         r"|\bscared to (?:get out|open the door|get out of the car|go out there)\b"),
    Rule("danger.violent_history", DANGER, 1, "before hospital one",
         r"\b(?:he's|she's|they've|he has|she has|they have) (?:already )?(?:hurt|killed|shot|stabbed|beaten|beat up|put) "
         r"(?:people|someone|somebody|others|a guy|men|women|a \w+|\w+) (?:before|in the hospital)\b"
         r"|\bthe one who (?:broke|busted|fractured|cracked|split|dislocated) my (?:jaw|nose|ribs?|arm|skull|face|eye|teeth|wrist)\b"),
    Rule("danger.surveillance", DANGER, 1, "pictures photos pics videos",
         r"\b(?:texting|texted|sending|sent|send|posting|posted|messaging|messaged) (?:me )?(?:pictures|photos|pics|videos) of "
         r"(?:my|our) (?:\w+'s |\w+s )?(?:house|home|place|apartment|car|door|front door|street|work|job|school)\b"),
    Rule("danger.revenge", DANGER, 1, "make out home",
         r"\bmake (?:him|her|them|that \w+) (?:pay|suffer|feel what i felt|regret it|bleed)\b(?! (?:for|me|back|rent|up|the)\b)"
         r"|\b(?:he|she|they)(?:'s| is|'re| are)? (?:won't|will not|isn't going to|is not going to|ain't going to|not going to) "
         r"(?:be )?(?:walk|walking|leave|leaving|make it|get|getting|come|coming) (?:out|home)(?: of (?:it|there|that \w+|this))? ?"
         r"(?:alive)?\s*(?:[.!]|$|alive)"),
    # --- emoji equation ---------------------------------------------------------
    Rule("suicide.emoji_equation", SUICIDE, 2, "equals",
         r"\b(?:pills|pillpile|alcohol|rope|gun|knife|blade|razor|noose)\b[^.!?]{0,60}?\bequals death\b"),
    # --- overdose and withdrawal halves ---------------------------------------
    Rule(TAG_USE, OVERDOSE, 0, "gave sold handed fronted hooked more double twice triple fresh new fent fentanyl",
         r"\b(?:gave|sold|handed|fronted|hooked) me (?:up )?(?:with )?(?:\w+ ){0,3}?(?:to (?:fix|use|shoot up|get well)|"
         r"a (?:shot|hit|line|bump|point|bag|fix))\b"
         r"|\b(?:took|shot|used|did|drank|smoked|snorted|had|popped) (?:way |a lot |much |a bit )?(?:more|double|twice|triple) "
         r"(?:than|what) (?:usual|normal|i usually|i normally|my usual|i'm used to|i should)\b"
         r"|\b(?:with|after|got|copped|from) (?:a |his |her |their |the |some |my )?(?:fresh|new|full) (?:bag|batch|pack|stamp|bundle)\b"
         r"|\b(?:it was|was|it's) (?:straight|pure|all|cut with|pressed with|laced with) (?:fent|fentanyl)\b"
         rf"|\b(?:took|swallowed|popped) (?:\d+|a few|some|two|three|four|five) (?:\w+ )?{PILLS} and (?:drank|downed|had) \b"),
    Rule(TAG_OD_SYMPTOM, OVERDOSE, 0, "barely hardly fading slipping drifting weird wrong funny strange off slow",
         r"\bcan (?:barely|hardly) keep (?:my |his |her )?eyes open\b"
         r"|\b(?:i'm|i am|he's|she's|they're|he is|she is|keep|keeps|feel|feels) (?:\w+ )?(?:fading|slipping away|going under|"
         r"drifting off)\b"
         r"|\bchest (?:feels?|is) (?:so |really |kind of |kinda )?(?:weird|wrong|funny|strange|off)\b"
         r"|\beverything (?:is |feels |seems )?(?:so |really )?(?:slow|slowing down|slowed down)\b"),
    Rule(TAG_WITHDRAWAL, OVERDOSE, 0, "since days",
         r"\bsince (?:my|the) last (?:drink|drop|beer|pill|bar|dose|shot|hit|sip)\b"
         r"|\b(?:\d+|two|three|four|five) days? (?:sober|dry|off (?:the )?(?:booze|drink|alcohol|benzos))\b"),
    Rule(TAG_WD_SYMPTOM, OVERDOSE, 0, "little tiny small corner ceiling wall walls curtains",
         r"\b(?:little|tiny|small) (?:men|people|guys|kids|figures|creatures|animals|demons|soldiers)\b"
         r"|\b(?:men|people|figures|faces|someone|somebody|bugs|spiders|shadows) (?:\w+ )?(?:in|on) the (?:corner|ceiling|walls?|curtains)\b"),
)
