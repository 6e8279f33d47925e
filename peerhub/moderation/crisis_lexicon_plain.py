"""Phrase families for crises said in plain, everyday words.

Same conventions as ``crisis_lexicon`` (weights, anchors, ``robust``; weight-0
``tag.*`` rules only count in the combinations ``crisis.assess`` defines).
These families were added after a blind probe showed them missing:

* overdose symptoms in plain words (a heavy body, breathing that feels off,
  going limp, grey lips, eyes that will not stay open) and mixing pills with
  drink, as halves of the use + symptom combination;
* withdrawal hallucinations described through someone else ("people that my
  husband says aren't there", "voices nobody else hears");
* danger from others: someone on the way with a weapon, being locked in or
  cut off (phone or keys taken), being hunted ("said he'd find me");
* reworded farewells: nobody will have to worry about me much longer, the last
  holiday anyone deals with me, rewriting the note, a pet given away for good;
* someone stockpiling medication, or taking everything and going silent;
* a method worked out, then disappearing for good; the "last train" frame.

``PLAIN_RULES`` also carries the implied families of ``crisis_lexicon_implied``.
"""

from __future__ import annotations

from peerhub.moderation.crisis_lexicon import DANGER, OVERDOSE, PERSON, PILLS, SUICIDE, Rule
from peerhub.moderation.crisis_lexicon_implied import IMPLIED_RULES
from peerhub.moderation.crisis_lexicon_medical import TAG_OD_SYMPTOM, TAG_USE, TAG_WD_SYMPTOM

_WEAPON = r"(?:gun|guns|pistol|rifle|shotgun|revolver|handgun|knife|knives|machete|bat|crowbar|hammer|axe)"
_MEDS = (
    r"(?:pills?|meds|medications?|tablets?|painkillers?|prescriptions?|sleeping pills|sleepers|xanax|bars|benzos?|"
    r"oxys?|percs?|opioids?|insulin|(?:his|her|their|my) (?:\w+ )?(?:pills|meds|medication|prescriptions?))"
)
_DRINK = r"(?:drinks?|drinking|drank|wine|beer|beers|vodka|alcohol|booze|liquor|whiskey|rum|tequila|gin|bars|benzos|xanax)"
_CARER = r"(?:nobody|no one|none of you|you all|y'all|you guys|everyone|everybody|anyone|anybody|they|you|my family)"
_HOLIDAY = r"(?:christmas|birthday|thanksgiving|holiday|new year|new year's|easter|summer|winter|year|mother's day|father's day)"
_PET = r"(?:cats?|dogs?|pets?|kittens?|puppy|puppies|rabbits?|birds?|bunny|parrot|hamster)"
_ROOM = r"(?:room|bedroom|basement|closet|house|garage|bathroom|car|trunk|shed|attic|cellar|apartment|place)"

PLAIN_RULES: tuple[Rule, ...] = (
    # --- overdose halves -----------------------------------------------------
    Rule(TAG_USE, OVERDOSE, 0, "after took taking mixed mixing mix used snorting shot smoked injected popped snorted",
         rf"\b(?:after|took|taking|mixed|mixing|mix) (?:\w+ ){{0,4}}?{PILLS} (?:and|with|plus|on top of) (?:\w+ ){{0,2}}?{_DRINK}\b"
         rf"|\bafter (?:the |my |some |those |these |a few |a couple of |his |her )?{PILLS}\b"
         r"|\b(?:he|she|they|my \w+) (?:just |already )?(?:used|shot up|snorted|smoked|injected|popped)\b"
         r"|\bafter (?:\w+ )?(?:snorting|smoking|shooting|injecting|using|popping)\b"),
    Rule(TAG_OD_SYMPTOM, OVERDOSE, 0,
         "body arm arms leg legs head breathing breath limp lips face skin fingers fingertips nails eyes slumped gasping responding answering waking moving",
         r"\b(?:whole )?body (?:\w+ )?(?:feels?|is|went|gone|going) (?:so |really |super |all |very )?(?:heavy|like lead|limp|floppy)\b"
         r"|\bcan't (?:lift|move) (?:my|his|her) (?:arms?|legs?|head|body)\b"
         r"|\bbreath(?:ing)? (?:\w+ )?(?:feels?|sounds?|seems?|looks?|is|went|getting|gone) (?:really |so |kind of |kinda |all )?"
         r"(?:off|slow|shallow|weird|wrong|funny|strange|ragged|like gasping|gaspy)\b|\bgasping\b"
         r"|\b(?:went|gone|going|goes|is|was|totally|completely|all) limp\b"
         r"|\b(?:lips|face|skin|fingers|fingertips|nails)(?: are| is| look| looks| went| turned| turning| going| getting| gone)? "
         r"(?:really |kind of |all |so )?(?:blue|purple|gr[ae]y|pale|ashen|white)\b"
         r"|\bcan't keep (?:my |his |her )?eyes open\b|\bslumped\b"
         r"|\b(?:isn't|not) (?:responding|answering|waking|moving)\b"),
    Rule("overdose.limp", OVERDOSE, 1, "limp",
         r"\b(?:he|she|they|my \w+|him|her)(?: just|'s| is| was)? (?:\w+ )?(?:went|gone|going|is|was) (?:totally |completely |all )?limp\b"),
    # --- withdrawal hallucinations told through someone else ------------------
    Rule(TAG_WD_SYMPTOM, OVERDOSE, 0,
         "aren't isn't weren't wasn't not nobody one can't cannot couldn't see seeing saw sees walls picking faces shaking",
         r"\b(?:that|which|who|things|people|stuff|kids|faces|men|bugs|someone|somebody|man|woman) (?:[\w']+ ){0,5}?"
         r"(?:aren't|isn't|are not|is not|weren't|wasn't) (?:really |actually )?(?:there|real|in the room|here)\b"
         r"|\b(?:nobody|no one) (?:else )?(?:can )?(?:sees?|hears?|is there|was there)\b|\b(?:nobody|no one)(?:'s| is) there\b"
         r"|\b(?:we|my \w+|he|she|they|nobody|no one) (?:can't|cannot|couldn't) see\b"
         r"|\b(?:see|seeing|saw|sees) (?:a |an |the |my )?(?:\w+ )?(?:man|woman|men|people|person|kids|children|faces|figures|"
         r"someone|somebody|shadows|bugs|spiders|snakes|relatives|dog|cat) (?:\w+ )?(?:in|on|at|crawling|standing|in the)\b"
         r"|\bsaw my dead\b|\bwalls (?:are |keep )?(?:moving|breathing|melting|crawling)\b"
         r"|\bpicking at (?:things|stuff|the air|nothing)\b|\bfaces in the\b"
         r"|\b(?:hands?|arms?|legs?|body) (?:\w+ )?shaking (?:so hard|so bad|badly|uncontrollably|nonstop)\b"),
    # --- danger from others --------------------------------------------------
    Rule("danger.armed_coming", DANGER, 2, "way headed heading driving coming walking",
         rf"\b{PERSON}(?:'s| is| are|'re)? (?:[\w']+ ){{0,3}}?(?:on (?:his|her|their|the) way|headed|heading|driving|coming|walking)"
         rf"(?: [\w']+){{0,3}}? with (?:a|his|her|their|the|my|dad's) (?:\w+ )?{_WEAPON}\b"),
    Rule("danger.confined", DANGER, 2, "locked locking locks",
         rf"\b(?:locked|locking|locks) me (?:in|inside) (?:the|a|my|his|her|their|our) (?:\w+ )?{_ROOM}\b"),
    Rule("danger.cut_off", DANGER, 1, "took taken takes smashed broke hid grabbed",
         r"\b(?:took|taken|takes|smashed|broke|hid|grabbed) (?:away )?my (?:phone|cell|keys|car keys|passport|id|wallet)\b"),
    Rule("danger.hunted", DANGER, 1, "said says swore swears told texted promised threatened track hunt regret pay coming",
         r"\b(?:said|says|swore|swears|told me|texted|promised|threatened)(?: that)? (?:he'd|she'd|they'd|he'll|she'll|they'll|"
         r"he will|she will|he would|she would|they would) (?:\w+ ){0,2}?(?:find|track|hunt) me\b(?! (?:a|an|some|the|one)\b)"
         r"|\b(?:track|hunt) me down\b|\bi'd regret it\b|\bmake me pay\b|\bwon't see it coming\b"),
    # --- reworded farewells --------------------------------------------------
    Rule("suicide.burden_ending", SUICIDE, 2, "longer again anymore more",
         rf"\b{_CARER}(?: will| won't| wont|'ll| will ever)? (?:\w+ ){{0,2}}?(?:needs?|has|have|had|need) to (?:worry|deal|put up|"
         r"bother|care|take care) (?:\w+ )?(?:about|with|of) me (?:\w+ )?(?:much |for much |any |for any |very )?"
         r"(?:longer|again|anymore|any more)\b"),
    Rule("suicide.last_holiday", SUICIDE, 2, "last final",
         rf"\b(?:last|final) {_HOLIDAY} (?:that )?{_CARER} (?:\w+ ){{0,2}}?(?:has|have|needs?|will|'ll) (?:to )?(?:\w+ )?"
         r"(?:worry about|deal with|put up with|see|spend with|take care of) me\b"),
    # A warning sign, not a crisis on its own: letters to family are everyday
    # recovery work (amends, gratitude), so it needs a second sign to escalate.
    Rule("suicide.note_rewrite", SUICIDE, 1, "rewriting rewrite rewrote redoing redo fixing finishing finished drafting",
         r"\b(?:rewriting|rewrite|rewrote|redoing|redo|fixing|finishing|finished|drafting) (?:the|my) "
         r"(?:(?!amends|gratitude|thank|thanks|apology|cover|birthday|christmas|holiday|recommendation|reference)\w+ )?"
         r"(?:note|letter)s? "
         r"(?:to|for) (?:the kids|my kids|my \w+|everyone|everybody|them|my family|the family)\b"),
    Rule("suicide.pet_final", SUICIDE, 1, "found finding gave giving given rehomed need",
         rf"\b(?:found|finding|gave|giving|given|rehomed) (?:my|the) (?:\w+ )?{_PET} (?:a new (?:home|family|owner)|to (?:\w+ ){{1,3}}?"
         r"(?:for good|permanently|forever|to keep))\b"
         r"|\bwon't need me (?:after (?:this|tonight|today|that)|anymore|any more|much longer)\b"),
    # --- someone else stockpiling or taking everything -------------------------
    Rule("suicide.stockpile", SUICIDE, 2, "hoarding stockpiling stashing saving collecting squirreling hoarded stockpiled stashed saved collected",
         rf"\b(?:hoard(?:ing|ed)|stockpil(?:ing|ed)|stash(?:ing|ed)|saving up|saved up|collect(?:ing|ed)|squirrel(?:ing|ed) away) "
         rf"(?:up )?(?:\w+ ){{0,2}}?{_MEDS}\b"),
    Rule("overdose.took_everything", OVERDOSE, 2, "took swallowed downed",
         r"\b(?:took|swallowed|downed) (?:everything|all|whatever) (?:in|from|out of) (?:his|her|their) (?:\w+ )?"
         r"(?:medicine cabinet|cabinet|pill ?box|bottle|stash|drawer)\b"
         r"|\b(?:took|swallowed|downed) (?:everything|all) (?:he|she|they) (?:had|could find)\b"),
    Rule("suicide.gone_silent", SUICIDE, 1, "bye goodbye phone empty locked locks behind",
         r"\b(?:texted|sent|messaged|said) (?:me |us )?(?:bye|goodbye)\b"
         r"|\bphone(?:'s| is)? (?:now )?(?:off|turned off|switched off|going (?:straight )?to voicemail)(?: now)?\b"
         r"|\bempty (?:pill |prescription |medicine )?bottles?\b"
         r"|\b(?:locked|locks) (?:himself|herself|themselves|themself) in\b|\bbehind a locked door\b"),
    # --- a method worked out, then vanishing; the last train ------------------
    Rule("suicide.figured_how", SUICIDE, 1, "figured worked thought planned know",
         r"\b(?:figured|worked|thought|planned) (?:it )?out (?:the )?how\b(?! to (?!(?:do it|make it|end it|go)\b))"
         r"|\bi (?:finally )?know how now\b"),
    Rule("suicide.vanish", SUICIDE, 1, "disappear disappearing vanish vanishing coming again",
         r"\b(?:disappear|vanish)(?:ing)? (?:\w+ ){0,2}?(?:for good|forever|permanently|and never come back|without a trace)\b"
         r"|\bno coming back\b|\b(?:nobody|no one) will (?:ever )?(?:see|find|hear from) me again\b"),
    Rule("suicide.last_train", SUICIDE, 1, "train trains",
         r"\b(?:catch|catching|take|taking|meet|meeting|board|boarding|on|be on) (?:the )?(?:last|final) train "
         r"(?:tonight|out|and|,|is|no)\b|\b(?:last|final) train tonight\b"),
    Rule("suicide.train_means", SUICIDE, 2, "front tracks life world",
         r"\b(?:step|stepping|jump|jumping|walk|walking|lie|lying|stand|standing) (?:\w+ )?in front of (?:the|a) (?:\w+ )?"
         r"(?:train|subway|bus|truck|semi)\b|\bon the (?:train )?tracks when\b"
         r"|\b(?:train|bus|ride|ticket|way) out of this (?:life|world)\b"),
    Rule("suicide.farewell_plain", SUICIDE, 1, "goodbye bye time love",
         r"\b(?:good)?bye (?:everyone|everybody|all|y'all|world|guys|friends)\s*(?:[.!,]|$)"
         r"|\bit's time (?:for me )?to go\s*(?:[.!,]|$|now)"
         r"|\btell (?:my \w+|them|everyone) i love (?:her|him|them|you)\b"),
    *IMPLIED_RULES,
)
