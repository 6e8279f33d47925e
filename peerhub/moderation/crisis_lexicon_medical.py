"""Phrase families for medical danger and danger from or to other people.

Same conventions as ``crisis_lexicon``. The ``tag.*`` rules have weight 0:
``crisis.assess`` turns them into a crisis only in combination (recent drug
use with overdose symptoms; stopping alcohol or benzodiazepines with severe
withdrawal symptoms), because each half on its own is ordinary recovery talk.
"""

from __future__ import annotations

from peerhub.moderation.crisis_lexicon import DANGER, KIN, OVERDOSE, PERSON, PILLS, TRIVIAL_FOOD, Rule, W

TAG_USE = "tag.use"
TAG_OD_SYMPTOM = "tag.od_symptom"
TAG_WITHDRAWAL = "tag.withdrawal"
TAG_WD_SYMPTOM = "tag.wd_symptom"

SUBSTANCE = (
    r"(?:drinking|alcohol|booze|the booze|drink|the drink|the sauce|gin|whiskey|rum|tequila|hooch|the bottle|a drink|drinks|liquor|vodka|beer|wine|benzos?|xanax|klonopin|"
    r"valium|ativan|bars|my benzos|my meds|pills|sedatives|downers)"
)

OVERDOSE_RULES: tuple[Rule, ...] = (
    Rule("overdose.now", OVERDOSE, 2, "overdosing overdosed overdose",
         rf"\b(?:overdosing|overdosed)\b(?!{TRIVIAL_FOOD})|\b(?:i|he|she|they|someone|somebody)(?:'s|'re| is| are)? "
         rf"(?:just |probably |maybe )?(?:having|had|taking|took) an overdose\b"),
    Rule("overdose.too_much", OVERDOSE, 2, "took take taken taking swallow swallowed swallowing down downed downing washed pop popped popping used did had drank snorted shot going ate finish finishing",
         rf"\b(?:took|take|taken|taking|swallowed|used|did|had|drank|snorted|shot) (?:way |far |a lot |just )?too "
         rf"(?:much|many)(?! (?:food|pizza|cake|coffee|caffeine|sugar|time|on|of (?:my )?(?:time|food|work)))\b"
         rf"|\b(?:took|take|taking|swallow|swallowed|swallowing|down|downed|downing|washed down|pop|popped|popping|going to take|gonna take) "
         rf"(?:{W}{{0,2}})?(?:all|every|the whole|a whole|my whole|whole|all of|a handful|handfuls|half|the rest|way too many|"
         rf"double|triple|a bunch)\b(?: {W}{{0,5}}?)?(?: of)?(?: my| the| his| her)? ?{PILLS}\b"
         rf"|\b(?:already )?swallowed (?:about |like )?(?:half|all|most|a handful|the whole)\b"
         rf"|\b(?:finish|finishing|finish off) (?:off )?(?:the|my|a|his|her) (?:bottle|pack|strip|stash|rest) of {PILLS}\b"
         rf"|\b(?:took|swallowed|taking|take|ate|downed) (?:everything|all|whatever) (?:in|from|out of) (?:my|the|our) "
         rf"(?:medicine cabinet|cabinet|pill ?box|bottle|stash|drawer)\b|\b(?:took|swallowed|downed) (?:everything|all) i "
         rf"(?:had|have|could find)\b"
         rf"|\b(?:took|swallowed|popped|downed|taken|take|taking) (?:like |about |around |over |at least )?(?:\d{{2,}}|twenty|thirty|"
         rf"forty|fifty|sixty|a hundred) (?:of )?(?:my |the |his |her |these |those )?(?:{W}{{0,1}})?{PILLS}\b"),
    Rule("overdose.med_dose", OVERDOSE, 1, "more extra double triple mixed washed posting",
         r"\bmore than (?:my |the )?(?:prescribed )?dose\b|\b(?:extra|double|triple) (?:doses?|bars|pills|hits)\b"
         r"|\bmixed (?:my |some |a )?(?:\w+ ){0,2}with (?:a |some |the |my )?(?:whole |full )?(?:\w+ ){0,2}"
         r"(?:bottle|wine|vodka|whiskey|beer|alcohol|liquor|booze|xanax|benzos|bars|pills|meds|fent|heroin|dope)\b"
         r"|\bwashed (?:\w+ ){0,6}?down with\b|\bwashed down (?:\w+ ){0,6}?with\b|\bnot sure why i'm (?:even )?posting\b"),
    Rule("overdose.breathing", OVERDOSE, 2, "breathing blue purple grey gray sound sounds noise noises seconds chest",
         r"\b(?:not|isn't|is not|barely|hardly|stopped|stop|quit|no longer|isnt) breathing\b|\bbreathing (?:is )?"
         r"(?:really |real |very |so |super |pretty |kinda |kind of |too |way too |all )?(?:slow|shallow|weird|funny|strange|wrong|ragged)\b"
         r"|\b(?:turning|turned|going|gone|went|is|are|look|looks|getting) (?:kind of |really |all )?(?:blue|purple|gr[ae]y)\b"
         r"(?! (?:hair|dress|shirt|paint|team|car|walls?|sky|around|at the|in the (?:face|muzzle|beard)))|\blips (?:are |is |look |looks |went |turned |turning |getting |going |gone )?"
         r"(?:blue|purple|gr[ae]y)\b|\b(?:snoring|gurgling|choking|rattling) (?:\w+ ){0,3}(?:sound|noise)s?\b"
         r"|\b(?:taking|takes|breathing|one breath|a breath) (?:a breath |one breath )?(?:once )?every (?:\w+ ){0,2}seconds\b"
         r"|\bchest (?:is )?(?:barely|hardly|not) (?:moving|rising)\b"),
    Rule("overdose.unresponsive", OVERDOSE, 2, "wake waking get rouse unresponsive responding respond unconscious cold needle rig syringe found come slumped",
         rf"\b(?:won't|will not|can't|cannot|couldn't|not) (?:wake|waking|rouse) (?:him|her|them|my \w+)(?: up)?\b"
         rf"|\b(?:won't|will not|can't|cannot|couldn't) get (?:him|her|them|my \w+) (?:to wake|to respond|up)\b|\b(?:won't|will not|isn't|not|is not) (?:wake|waking) up\b"
         r"|\b(?:unresponsive|not responding|won't respond|unconscious|passed out cold)\b"
         rf"|\b(?:needle|rig|syringe) (?:still )?in (?:his|her|their|my) (?:arm|neck|leg|hand)\b"
         rf"|\bfound (?:him|her|them|my \w+|{W}) (?:on|in) the (?:\w+ )?(?:floor|bathroom|car)\b"
         rf"|\b(?:won't|will not|can't|doesn't|isn't) come (?:to|round|around)\b"
         rf"|\b(?:can't|cannot|couldn't) get (?:him|her|them|my \w+) to (?:open|wake|respond|answer|move)\b"
         r"|\bslumped over\b"),
    Rule("overdose.fell_out", OVERDOSE, 1, "fell nodded nodding nod awake open",
         r"\bfell out\b(?! (?:with|of|over|about))|\b(?:nodded|nodding|nod) (?:out|off)\b"
         r"|\bcan't (?:stay awake|keep (?:him|her|them|my eyes) (?:awake|open))\b"),
    Rule("medical.seizure", OVERDOSE, 2, "seizure seizures fit convulsions seizing convulsing dts delirium eyes jerking twitching shaking",
         r"\b(?:having|had|have|just had|is having|is in|in the middle of) (?:a |another )?(?:seizure|seizures|fit|convulsions)\b"
         r"|\b(?:seizing|convulsing|convulsions right now)\b|\b(?:have|has|got|having) the dts\b|\bdelirium tremens\b"
         r"|\beyes (?:rolled|rolling) (?:back|up)\b|\bconvulsing all over\b"
         r"|\b(?:collapsed|dropped|went down|hit the floor) (?:\w+ ){0,4}?(?:jerking|twitching|seizing|convulsing)\b"),
    Rule("medical.other", OVERDOSE, 1, "breathe breath chest wrong 911 do shower",
         r"\b(?:can't|cannot|can not|hard to|trouble|struggling to) (?:breathe|breath)\b|\bchest (?:pain|is tight|feels "
         r"(?:tight|heavy))\b|\bsomething is (?:really |very |seriously |definitely )?wrong\b"
         r"|\b(?:instead of|won't let me|not) call(?:ing)? 911\b|\bwhat do i do\b|\bcold shower\b"),
)

DANGER_RULES: tuple[Rule, ...] = (
    Rule("danger.harm_intent", DANGER, 2, "kill killing stab stabbing shoot shooting murder murdering strangle choke choking hurt hurting harm harming beat attack attacking run poison smother",
         rf"\b(?:going to|about to|planning to|plan to|want to|wants to|threaten(?:s|ed|ing)? to|swear i'll|i'll|i will|"
         rf"he'll|he will|she'll|she will|i'd|ready to|gonna|keep thinking about|thinking about|thoughts about|"
         rf"having thoughts about|urges? to) (?:(?!never |not |no )[\w']+ ){{0,2}}(?:kill|killing|stab|stabbing|shoot|shooting|murder|murdering|"
         rf"strangle|choke|choking|hurt|hurting|harm|harming|beat up|attack|attacking|run over|poison|smother) "
         rf"(?:him|her|them|somebody|someone|anyone|everyone|everybody|people|his {KIN}|her {KIN}|their {KIN}|my {KIN}|"
         rf"that (?:guy|man|woman|dude|bitch|bastard|dealer)|the (?:guy|dealer|man|woman|kids?)|you|us)\b(?! (?:laughing|off|out))(?!'s|')",
         robust=True),
    Rule("danger.shoot_up", DANGER, 2, "shoot trust",
         r"\bshoot (?:up )?(?:the|his|her|their|my|a|that) (?:old )?(?:school|work|workplace|office|place|church|mall|store|"
         r"party|meeting|clinic|building|club)\b|\b(?:don't|do not) trust myself (?:around|with) (?:him|her|them|people|anyone|anybody|my (?:kids?|baby|son|daughter|"
         r"wife|husband|partner|girlfriend|boyfriend)|the (?:kids?|baby)|(?:a|the|my|his|dad's) (?:gun|knife|pills|razor|blade|rifle|"
         r"pistol))\b"),
    Rule("danger.threat_to_me", DANGER, 2, "kill hurt beat stab shoot strangle choke rape attack murder finish jump smother threatened threatening threatens choked strangled punched hit attacked stabbed choking strangling beating hitting punching attacking stabbing raping kicking dragging",
         rf"(?<!like )(?<!as if )(?<!as though )\b{PERSON}(?:'s|'ll| is| was| has| will| said| says| keeps| kept)? (?:[\w']+ ){{0,6}}?(?:kill|hurt|beat|stab|shoot|"
         rf"strangle|choke|rape|attack|murder|finish|jump|smother) (?:me|us|this|the job)\b(?! (?:if|when) )"
         rf"|\b{PERSON}(?:'s| is| keeps)? (?:\w+ ){{0,2}}?(?:choking|strangling|beating|hitting|punching|attacking|stabbing|"
         rf"raping|kicking|dragging|threatening) (?:me|us)\b"
         rf"|\b{PERSON}(?:'s| is| was)? (?:[\w']+ ){{0,3}}?(?:threaten(?:ed|ing|s)|choked|strangled|punched|beat|hit|"
         rf"attacked|stabbed) me\b(?! (?:with (?:a|his) (?:pillow|joke)))"),
    # "My sponsor is going to kill me when she finds out" is an idiom: a
    # caring role finding something out is no threat.
    Rule("danger.threat_conditional", DANGER, 1, "kill hurt beat murder shoot stab strangle choke smoke",
         r"\b(?!my (?:sponsor|therapist|counsell?or|boss|manager|teacher|coach|doctor|mom|mother|mum|grandma|nan|sponsee|"
         r"trainer|editor|landlady|aunt|sister)\b[^.!?]{0,60}\b(?:finds? out|sees?|hears?|learns?|notices?|realizes?)\b)"
         rf"\b{PERSON}(?:'s|'ll| is| was| will| said| says)? (?:[\w']+ ){{0,6}}?(?:kill|hurt|beat|murder|shoot|stab|strangle|"
         r"choke|smoke) (?:me|us) (?:if|when) "
         r"(?!i(?:'m| am)? (?:late|forget|miss|spill|break|lose|mess|fail|skip|eat)\b)"),
    Rule("danger.warning", DANGER, 1, "follow following followed banging pounding kicking hiding scared afraid terrified gun knife weapon leave go out locked outside coming owe",
         r"\bfollow(?:ing|ed)? me (?:home|to my car|around)\b|\b(?:banging|pounding|kicking) (?:on )?(?:the|my) (?:door|window)\b"
         r"|\bhiding (?:in|from|under)\b|\b(?:scared|afraid|terrified) (?:to (?:leave|go home|go outside|go back)|"
         r"for my life|of (?:him|her|them|what he|what she))\b|\b(?:gun|knife|weapon) in the (?:house|car|apartment)\b"
         r"|\b(?:has|have|got|with|pulled) a (?:gun|knife|weapon)\b|\b(?:he's|she's|they're|he is|she is|they are) "
         r"coming (?:for me|after me|back tonight|tonight|to get me)\b|\bi owe (?:him|her|them|my dealer|the dealer)\b|\boutside (?:my|the|our) (?:door|house|apartment|window|place|room|work)\b|\bwon't let me (?:leave|go|out)\b|\blocked me in\b"),
)

TAG_RULES: tuple[Rule, ...] = (
    Rule(TAG_USE, OVERDOSE, 0, "used snorted shot shoot shooting injected took did drank popped dropped using use hit taking wasn't whatever laced smoked after high ate",
         r"\b(?:just|i) (?:used|snorted|shot up|smoked|injected|took|did|drank|popped|dropped)\b|\bafter (?:i |he |she |they )?"
         r"(?:used|using|taking)\b|\bafter (?:that|the|a|my|this) (?:last |first |second |third |big |fat |next )?"
         r"(?:hit|line|shot|bump|rail|blue|bar|dose)\b|\bsnorted\b"
         r"|\b(?:after|took|smoked|snorted|did) (?:a |that |some )?(?:bump|blue|blues|rail)\b"
         r"|\b(?:took|smoked|snorted|did|ate) (?:a whole sheet of |a bunch of |some )?something\b"
         r"|\b(?:shot|shoot|shooting) up\b|\b(?:went|go|going) (?:\w+ ){0,4}to (?:use|shoot up|get high)\b|\bwasn't what (?:they|he|she) said\b|\bwhatever (?:it|that) was\b|\blaced\b|\bhit (?:of|off)\b"),
    Rule(TAG_OD_SYMPTOM, OVERDOSE, 0, "chest heart numb feel dark black blurry vision going fading blurring sweating nodding nodded wrong breathe sense throwing pass passing answer answering respond responding moving move open opening hear wake",
         r"\bchest (?:\w+ ){0,2}(?:tight|heavy|pain|hurts)\b|\bheart (?:is )?(?:racing|pounding|skipping|beating out)\b"
         r"|\b(?:arm|arms|hands?|legs?|lips|face) (?:is |are |feels? |going )?numb\b|\bcan't feel my\b"
         r"|\b(?:everything|vision|sight) (?:is |keeps )?(?:going|getting|fading) (?:dark|black|blurry)\b"
         r"|\bvision (?:keeps )?(?:going|fading|blurring)\b|\bsweating (?:through|buckets|like crazy)\b"
         r"|\b(?:nodding|nodded) (?:off|out)\b|\bsomething is (?:really |very |seriously |definitely )?wrong\b"
         r"|\b(?:hard|can't) (?:to )?breathe\b|\bnot making (?:any )?sense\b|\bthrowing up\b|\bpass(?:ing)? out\b"
         r"|\b(?:won't|isn't|not|doesn't|stopped) (?:answer|answering|respond|responding|moving|move|open(?:ing)? the door)\b"
         r"|\bcan't hear (?:anything|him|her|them)\b|\b(?:won't|can't) (?:wake|wake up)\b"),
    Rule(TAG_OD_SYMPTOM, OVERDOSE, 0, "heart chest air breath moved woken stirred skin shadow",
         r"\bheart (?:\w+ ){0,2}?(?:racing|pounding|skipping|doing flips|going like|going crazy|won't slow down)\b"
         r"|\bchest (?:\w+ ){0,4}?(?:caving|crushing|crushed|exploding)\b|\b(?:barely|can't) (?:pull|get|catch) (?:in )?(?:air|a breath|my breath)\b"
         r"|\b(?:hasn't|has not|hasnt) (?:moved|woken|stirred)\b|\bskin (?:is |feels )?(?:ice |ice-|so |really )?cold\b"
         r"|\bshadow (?:people|ppl|figures)\b"),
    Rule(TAG_WITHDRAWAL, OVERDOSE, 0, "stopped quit quitting stopping came coming off without no since turkey detoxing withdrawal withdrawals withdrawing",
         rf"\b(?:stopped|quit|quitting|stopping|came off|coming off|off|without|no|since i (?:stopped|quit|last)) "
         rf"(?:\w+ ){{0,2}}?{SUBSTANCE}\b|\bcold turkey\b|\bdetoxing\b|\bwithdrawals?\b|\bwithdrawing\b"
         r"|\bsince i (?:drank|had a drink|used)\b"),
    Rule(TAG_WD_SYMPTOM, OVERDOSE, 0, "hallucinating hallucinations hallucination hallucinate hallucinated hallucinates seeing bugs hearing talking know confused jerked jerking twitching convulsing blacked blacking woke waking wake came coming come floor bit bitten biting tongue mouth heart stop tilting spinning shaking seizure seizures convulsions convulsion convulsed that which who don't doesn't didn't can't trembling hands hand arms arm legs leg body losing come came sweating calling swatting shadow",
         r"\bhallucinat\w*|\bseeing (?:things|bugs|spiders|snakes|people|stuff|shadows)\b|\bbugs crawling\b"
         r"|\bhearing (?:voices|things)\b|\btalking to (?:people|someone|things|nobody) (?:who|that)\b"
         r"|\b(?:doesn't|don't|didn't) know where (?:she|he|i|they) (?:is|am|are|was)\b|\bconfused\b"
         r"|\b(?:body|arm|leg|whole body) (?:jerked|jerking|twitching|convulsing)\b|\bblack(?:ed|ing) out\b"
         r"|\b(?:woke|waking|wake|came to|coming to|come to) (?:up )?on the (?:\w+ )?floor\b"
         r"|\b(?:bit|bitten|biting) (?:through )?my tongue\b|\btongue (?:was |is )?bitten\b|\bblood in my mouth\b"
         r"|\bheart (?:is )?(?:skipping|pounding|racing)\b|\bcan't stop (?:throwing up|vomiting|shaking)\b"
         r"|\broom (?:keeps )?(?:tilting|spinning)\b|\bshaking (?:really |so )?(?:bad|badly|violently)\b"
         r"|\bshaking,? sweating\b|\bseizures?\b|\bconvuls\w*"
         r"|\b(?:that|which|who) (?:aren't|isn't|wasn't|weren't|are not|is not) (?:really )?there\b"
         r"|\b(?:don't|doesn't|didn't|can't) (?:know|tell|recogni[sz]e) (?:what day|what year|where (?:i|he|she)|who (?:i|he|she)|me)\b"
         r"|\b(?:jerking|twitching|shaking|trembling) (?:all over|uncontrollably|violently|nonstop)\b"
         r"|\b(?:hands?|arms?|legs?|body) (?:won't|can't|will not|keeps?) (?:stop )?(?:jerking|twitching|shaking)\b"
         r"|\blosing time\b|\b(?:come|came) to and\b|\bsweating buckets\b|\bcalling me by (?:\w+ ){0,2}name\b"
         r"|\bswatting at\b|\bshadow (?:people|ppl|figures)\b|\bheart (?:\w+ ){0,2}?(?:skipping|racing|pounding)\b"),
)
