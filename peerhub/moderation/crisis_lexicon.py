"""Phrase families for the crisis detector, compiled once at import.

Each ``Rule`` names a family of phrasings (synonyms, tenses, persons), not a
sentence. Rules match the crisis form of a text (``normalize`` then
``crisis_prep.prepare``: lower case, slang expanded, apostrophes ASCII).

Weights: 2 = a crisis on its own, 1 = a warning sign (two in one message make
a crisis), 0 = a tag that only counts in combination (drug use + overdose
symptoms, stopping alcohol/benzos + severe withdrawal symptoms).

``robust`` rules are explicit first-person statements that an educational or
media frame in the same sentence does not cancel (negation and a resolved
past still do).
"""

from __future__ import annotations

from dataclasses import dataclass

SUICIDE = "suicide_self_harm"
OVERDOSE = "overdose_medical"
DANGER = "danger_others"


@dataclass(frozen=True, slots=True)
class Rule:
    """One phrase family: ``name`` is the evidence id stored with a message.

    ``anchors`` lists space-separated words of which every match of
    ``pattern`` contains at least one (whole tokens of the crisis form); the
    detector runs the pattern only when one of them occurs, which keeps
    ordinary messages cheap. ``tests/test_crisis.py`` checks this promise.
    """

    name: str
    category: str
    weight: int
    anchors: str
    pattern: str
    robust: bool = False


# Shared fragments.
W = r"(?:[\w']+ )"  # one word and its space
INTENT = (
    r"(?:going to|about to|want to|wants to|wanted to|need to|ready to|trying to|try to|planning to|plan to|"
    r"decided to|will|'ll|i'd|might|gonna|thinking (?:about|of)|think about|thought about|fantasi[sz]ing about|"
    r"keep thinking about|been thinking about|got to|have to|finally|just)"
)
SELF = r"(?:myself|my self|my own life|my life)"
OTHERS_SELF = r"(?:himself|herself|themselves|themself)"
PILLS = (
    r"(?:pills?|meds|medications?|tablets?|xans|xannies|zans|roxys?|roxies|footballs|capsules?|bottle|prescriptions?|script|sleeping pills|sleepers|methadone|"
    r"take[- ]homes?|doses?|xanax|bars|benzos?|klonopin|valium|ativan|oxys?|oxycodone|percs?|percocets?|vicodin|"
    r"fent(?:anyl)?|heroin|dope|tylenol|acetaminophen|advil|ibuprofen|seroquel|ambien|insulin|lithium|"
    r"antidepressants?|painkillers?|opioids?|stuff|supply|stash|trazodone|gabapentin|sertraline|zoloft|prozac|lexapro|"
    r"wellbutrin|adderall|tramadol|hydrocodone|morphine|codeine|suboxone|subs|norco|dilaudid|clonazepam|"
    r"alprazolam|lorazepam|diazepam|zolpidem|quetiapine|mirtazapine|amitriptyline|benadryl|nyquil|melatonin|"
    r"aspirin|paracetamol|antipsychotics?|sleep aids?)"
)
KIN = (
    r"(?:ex|husband|wife|partner|boyfriend|girlfriend|bf|gf|dad|father|mom|mother|stepdad|stepmom|stepfather|"
    r"stepmother|brother|sister|roommate|dealer|landlord|son|daughter|neighbou?r|uncle|aunt|cousin|friend|buddy|"
    r"sponsee|sponsor|kids?|children|baby|fianc[eé]e?|coworker|co-worker|manager|supervisor|teacher|boss|"
    r"grandma|grandpa|parents?|family|nephew|niece|ex-husband|ex-wife|ex-boyfriend|ex-girlfriend)"
)
PERSON = (
    rf"(?:he|she|they|someone|somebody|my {KIN}|a (?:guy|man|woman|stranger)|some (?:guy|man|woman)|this guy|"
    r"that guy|the dealer|his friends?|her friends?)"
)
PLACE = (
    r"(?:bridge|roof|rooftop|building|overpass|ledge|balcony|cliff|parking garage|garage roof|tower|train tracks|tracks|"
    r"quarry|dam|canyon|ravine|gorge|platform)"
)
TRIVIAL_FOOD = (
    r"(?: on (?:\w+ ){0,2}(?:chocolate|sugar|candy|caffeine|coffee|cake|cookies|pizza|netflix|tv|memes|cuteness|love|"
    r"shows|tiktok|youtube|anime|podcasts|sunshine|carbs|sweets|content|music|nostalgia))"
)

# "we're making a plan", "they have a plan": a plan made with others. One
# fixed-width look-behind per subject and verb, checked only after the verb.
_NOT_CARE_TEAM = "".join(
    f"(?<!{subject} {verb})"
    for subject in ("we", "we're", "were", "we've", "they", "they're", "they've")
    for verb in ("have", "got", "made", "making")
)

SUICIDE_RULES: tuple[Rule, ...] = (
    Rule("suicide.kill_self", SUICIDE, 2, "myself self life",
         rf"\b(?:(?:use|turn|used|using) (?:it|this|that|the \w+|a \w+|them) on|kill|killing|kil|end|ending|take|taking|off|offing|"
         rf"hang|hanging|shoot|shooting|poison|"
         rf"poisoning|suffocate|suffocating|drown|drowning|overdose on purpose and kill) {SELF}\b"
         rf"(?! (?:in the (?:foot|feet|leg)|in (?:work|paperwork|chores)|to (?:finish|get|make|keep|please)|"
         rf"trying|at (?:work|the gym)|over (?:this|that|it|a)|for (?:this|that|a|nothing|them|him|her|you)|"
         rf"working|laughing|with (?:work|laughter)))", robust=True),
    Rule("suicide.kill_self_past", SUICIDE, 1, "myself self life", rf"\b(?:killed|ended|took|hanged|shot) {SELF}\b"),
    Rule("suicide.kill_self_other", SUICIDE, 2, "himself herself themselves themself",
         rf"\b{INTENT} (?:{W}{{0,2}})?(?:kill|end|off|hang|hurt|cut|shoot|overdose) {OTHERS_SELF}\b"
         rf"|\b(?:kill|killing|hurt|hurting|cutting|hang|hanging) {OTHERS_SELF} (?:\w+ ){{0,4}}?(?:right now|tonight|now)\b"),
    Rule("suicide.end_it", SUICIDE, 2, "end ending finish finishing",
         rf"\b{INTENT} (?:{W}{{0,2}})?(?:end|ending|finish|finishing) (?:it all|it|everything|things|this|my life|"
         rf"my own life|my existence|the pain for good|my suffering|the suffering|my pain|my misery|it once and for all)\b(?! (?:with|off with|between|for (?:now|today)))"),
    Rule("suicide.take_life", SUICIDE, 2, "life suicide", r"\b(?:take|taking|end|ending) my (?:own )?life\b|\bcommit(?:ting)? suicide\b"
         r"|\battempt(?:ing)? suicide\b|\bsuicide (?:note|letter|plan|attempt tonight)\b", robust=True),
    Rule("suicide.word_suicidal", SUICIDE, 2, "suicidal", r"\bsuicidal\b"),
    Rule("suicide.thoughts", SUICIDE, 2, "suicide dying death killing ending waking being existing",
         r"\b(?:think|thinking|thought|thoughts|obsess(?:ed|ing)?|fantasi[sz]e|fantasi[sz]ing|dream(?:ing)?) "
         r"(?:a lot |constantly |again |so much |non ?stop )?(?:about|of) (?:suicide|dying|death|killing myself|"
         r"ending it|not waking up|not being here|not existing)\b(?! (?:of|in|from) (?:my|a|the|his|her))"),
    Rule("suicide.word", SUICIDE, 1, "suicide", r"\bsuicide\b"),
    Rule("suicide.wish_die", SUICIDE, 2, "die dead existing exist forever alive here",
         r"\b(?:want|wanted|wanting|wants|wish|wishing|need|ready|hoping|hope|trying|pray(?:ing)?|deserve) "
         r"(?:to )?(?:just |really |honestly |so badly |so bad )?(?:die|be dead|stop existing|not exist|disappear forever|"
         r"go to sleep forever|sleep forever|not be alive|not be here anymore)\b(?! (?:for (?:a|an|some|the|it|this|that|one)\b|laughing|of (?:embarrassment|boredom|shame)))",
         robust=True),
    Rule("suicide.wish_dead", SUICIDE, 2, "wish hope hoping praying",
         r"\bwish (?:i|i'd) (?:was|were|had) (?:dead|never been born|not born|not here|gone)\b"
         r"|\bwish i (?:could )?(?:just )?(?:die|wouldn't wake up|didn't wake up|never woke up)\b"
         r"|\b(?:hope|hoping|praying) (?:that )?i (?:don't|won't|never|do not) wake up\b"
         r"|\b(?:hope|hoping|wish|pray|praying) (?:that )?i (?:just )?(?:die|get hit by|don't make it|never make it)\b", robust=True),
    Rule("suicide.not_live", SUICIDE, 2, "want wanna",
         r"\b(?:don't|do not|no longer|never) (?:really )?(?:want|wanna) to (?:live|be alive|exist|be here|"
         r"wake up|see tomorrow|see another day|go on|keep living|keep going|do life)"
         r"(?: anymore| any more| tomorrow| again)?\b(?! (?:in|with|at|near|without|like this at work))"),
    Rule("suicide.never_wake", SUICIDE, 2, "wake forever",
         r"\b(?:sleep|go to sleep|fall asleep|close my eyes) (?:and )?(?:never|not) wake up\b|\bsleep forever\b"
         r"|\b(?:to|so i|that i|and) (?:won't|don't|will not|do not|never|wouldn't|not) (?:wake up|wake back up)\b"),
    Rule("suicide.better_off", SUICIDE, 2, "dead without gone here around alive",
         r"\b(?:better off|better|easier|quieter|happier|lighter|fine) (?:off )?(?:dead|without me|if i (?:just )?(?:was|were|wasn't|weren't) "
         r"(?:gone|dead|here|around|alive|in the picture))\b|\b(?:everyone|everybody|they|world) (?:would|will|'d) be (?:\w+ ){0,2}without me\b"),
    Rule("suicide.no_point", SUICIDE, 2, "point use reason purpose nothing",
         r"\b(?:what's|what is|whats) the (?:point|use|reason) (?:of|in|to) (?:living|life|waking up|getting up|going on|"
         r"being alive|existing|staying alive|trying anymore|even being here|any of it anymore)\b"
         r"|\b(?:(?:don't|do not|can't|cannot) (?:see|find|think of|have) )?(?:no|any|a|one) (?:point|reason|purpose)"
         r"(?: (?:for me|left))? (?:in |to )?(?:keep |even )?(?:living|live|going on|go on|being alive|be alive|stay(?:ing)? alive|"
         r"wake up|waking up|exist(?:ing)?|be here|keep going|carry on|get up)\b"
         r"|\bnothing (?:left )?to live for\b|\bnothing (?:is )?(?:keeping|holding) me here\b"),
    Rule("suicide.tired_life", SUICIDE, 1, "living existing life alive everything all fighting can't",
         r"\b(?:tired of|done with|sick of|over) (?:living|existing|life|being alive|everything|it all|fighting)\b"
         r"|\bdone with life\b|\bcan't (?:do this|go on|keep going|take (?:it|this)) (?:anymore|any more|much longer)\b"),
    Rule("suicide.checkout", SUICIDE, 2, "out forever world life",
         r"\b(?:check|checking|clock|clocking|dip|dipping|log|logging|tap|tapping) out (?:of life|of this life|for good|"
         r"permanently|early|tonight|forever)\b|\bgoodnight forever\b|\bgoodbye (?:forever|cruel world|world)\b"
         r"|\b(?:out of|leave|leaving|exit|exiting) (?:this )?(?:life|world) (?:for good|permanently|forever|tonight)\b"),
    Rule("suicide.methods", SUICIDE, 2, "ways way methods method many much lethal tall high far deep",
         r"\b(?:fastest|easiest|quickest|quietest|painless|least painful|best|surest|quick) (?:ways?|methods?)"
         r"(?: to (?:die|go|end it|do it|kill myself))?\b(?! to (?:learn|get|make|save|cook|clean|lose|quit|stop|find))"
         rf"|\bhow (?:many|much) (?:{W}{{0,6}})?(?:would|does|will|to) (?:it )?(?:take|kill|be enough|be lethal)"
         r"(?: to (?:die|not wake up|kill|end|stop))?\b|\blethal dose\b"
         r"|\bhow (?:tall|high|far down|deep) (?:\w+ ){0,4}(?:is|goes)\b"),
    Rule("suicide.place", SUICIDE, 2, "ocean bridge quarry dam canyon ravine gorge platform roof rooftop building overpass ledge balcony cliff garage tower tracks train bus truck car window wall tree divider barrier traffic pole median lake river engine",
         rf"\b(?:standing|sitting|stood|sat|i'm|i am) (?:up |out |here )?(?:in (?:my|the) (?:car|truck) )?(?:on|at|by) (?:the |a |this )?"
         rf"(?:edge of (?:the |a )?)?(?:(?:old|train|railway|rail|highway|tall|high|big|river|city|top of the) )?{PLACE}\b"
         rf"(?!.{{0,30}}\b(?:view|sunset|photo|picture|festival|concert|picnic|fishing|swim|swimming|hike|hiking|walk|lunch))"
         rf"|\bjump(?:ing)? (?:off|from|in front of) (?:the |a |this )?(?:{W}{{0,2}})?(?:{PLACE}|train|bus|truck|car)\b"
         rf"|\b(?:throw(?:ing)? myself|jump(?:ing)?|step(?:ping)?|walk(?:ing)?|lie down|lay down|lying down) (?:off|from|in front of|"
         rf"into|onto|under) (?:the |a |this |some )?(?:{W}{{0,2}})?(?:{PLACE}|train|bus|truck|car|traffic|river|lake|ocean)\b"
         r"|\bjump(?:ing)? out (?:of )?(?:the|a|my) window\b|\bstep(?:ping)? in front of (?:a|the) (?:train|bus|truck|car)\b"
         r"|\b(?:drive|driving|crash|crashing|steer) (?:my car |the car )?(?:into|off) (?:a |the )?(?:\w+ ){0,2}"
         r"(?:wall|tree|divider|barrier|bridge|cliff|traffic|pole|median|lake|river)\b"
         r"|\bgarage with the (?:car|engine) (?:on|running)\b|\b(?:car|engine) running in the (?:closed )?garage\b"
         rf"|\b(?:keep|kept|keeps) (?:looking|staring) (?:at|down at) (?:the|that) {PLACE}\b"),
    Rule("suicide.means_rope_gun", SUICIDE, 2, "noose gun pistol rifle barrel blade razor knife",
         r"\bnoose\b|\b(?:got|took|get|getting|have|holding|loaded) (?:the|a|my|his|dad's) (?:gun|pistol|rifle) "
         r"(?:down|out|loaded|in my (?:hand|mouth|lap))\b|\b(?:gun|pistol|barrel|blade|razor|knife) (?:is )?"
         r"(?:in my mouth|to my head|against my (?:head|wrist|throat)|on my wrist)\b"
         ),
    Rule("suicide.means_rope_buy", SUICIDE, 1, "rope cord", r"\b(?:bought|got|tied|found|have) (?:a|some|the) (?:rope|cord)\b"),
    Rule("suicide.means_enough", SUICIDE, 2, "saved saving stockpiled stockpiling hoarded hoarding collected collecting enough counted lined laid ready do",
         r"\b(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding|collected|collecting)(?: up)? enough\b"
         rf"|\b(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding|collected|collecting)(?: up)? (?:all (?:of )?(?:my|the) |every |"
         rf"my |the )?(?:{W}{{0,1}})?{PILLS}\b|\benough (?:{PILLS} )?(?:to (?:make sure|do it|not wake up|kill|end it|die|never)|that i (?:won't|will not|"
         rf"don't) wake up)\b|\b(?:got|have|has) (?:the|enough) (?:{W}{{0,2}})?{PILLS} to do it\b"
         rf"|\b{PILLS} (?:\w+ ){{0,3}}(?:counted out|lined up|laid out|ready to go)\b"
         ),
    Rule("suicide.means_saved", SUICIDE, 1, "saved stockpiled hoarded",
         rf"\b(?:got|have|has|had|with) (?:the|my|all (?:the|my)|enough) (?:\w+ )?{PILLS} (?:saved|stockpiled|hoarded)(?: up)?\b(?! up\b)"
         r"(?! (?:for (?:the|a|my|when|emergenc\w*|flights?|travel|trips?|vacation)|in case)\b)"),
    Rule("suicide.means_pills", SUICIDE, 1, "have got holding staring looking pile all every handful whole right here next hand ready beside front",
         rf"\b(?:have|got|holding|staring at|looking at) (?:the|all (?:the|my)|my|a pile of|a handful of|every) "
         rf"(?:{W}{{0,2}})?{PILLS}\b(?! (?:in a lockbox|locked|prescribed))|\b(?:pile|handful|whole bottle) of {PILLS}\b"
         rf"|\b(?:all|every one) (?:of )?(?:my|the|his|her) (?:{W}{{0,1}})?{PILLS}\b(?! (?:in a lockbox|locked|as prescribed))"
         rf"|\b(?:{PILLS}|blade|razor|knife|gun|rope|lighter)(?:'s| is| are) (?:right )?(?:here|next to me|in my hand|ready|beside me|"
         rf"in front of me)\b"),
    Rule("suicide.plan", SUICIDE, 1, "plan real attention dramatic joking kidding different do doing mean time fix make take ready",
         # A plan made with others or for something ordinary is care, not intent.
         rf"\b(?:have|got|made|making|i've got){_NOT_CARE_TEAM} (?:a|the) plan\b"
         r"(?! (?:for (?!(?:tonight|it|when|how)\b)|with|together|to (?:get|stay|go|call|see|talk|quit|taper|stop|eat|visit|keep|start|"
         r"cut back|meet|work|be (?:safe|sober|clean)))\b)"
         r"|\b(?:that|this|tonight|it|which)(?:'s| is) the plan\b|\bthe plan is to\b|\bfor real this time\b"
         r"|\bnot (?:for attention|dramatic|joking|kidding)\b|\basking for real\b|\btonight feels different\b"
         r"|\bactually going to do it\b|\bgoing to do it (?:tonight|today|this time)\b|\bi mean it this time\b"
         r"|\bthis time (?:is different|i mean it|for real)\b"
         r"|\b(?:i'm|i am) (?:finally |really |actually )?doing it (?:tonight|today|now|this time|this weekend)\b"
         r"|\b(?:going to|gonna|will|i'll) (?:do it|fix (?:that|this|it)|make (?:it|that) happen|make sure of it|"
         r"take care of (?:it|that) myself)\b|\bi'm (?:so |finally )?ready(?=\s*(?:[.!]|$))"),
    Rule("suicide.farewell", SUICIDE, 2, "around here alive problem burden tomorrow next future goodbye goodbyes farewell time dead",
         r"\b(?:won't|will not|not going to|ain't going to|might not|may not|probably won't) be (?:around|here|alive|"
         r"a (?:problem|burden)(?: for (?:anyone|anybody|you|you all))?)"
         r"(?: (?:much|any|very|for much|for very|for) longer| anymore| any more| after (?:tonight|today|this (?:week|weekend))"
         r"| by (?:the weekend|tomorrow|next \w+|morning|then|monday|friday))\b"
         r"|\b(?:there won't|won't|will not) be (?:a|any) (?:tomorrow|next (?:week|time|month|year)|future) for me\b"
         r"|\b(?:won't|will not|not going to|might not|may not) (?:be|stay|still be) alive\b"
         r"|\b(?:don't|do not) (?:plan|intend|expect) (?:on |to )?(?:still )?(?:be|being) (?:here|around|alive)"
         r"(?: (?:by|for|at|after|past) (?:christmas|thanksgiving|easter|new year'?s?|my birthday|the (?:holidays|end of|weekend|summer|"
         r"spring|fall|winter|new year)|next (?:week|month|year)|then|spring|summer|fall|winter)| much longer| anymore| any more)\b"
         r"|\bby the time (?:you|anyone|someone|they|somebody) (?:reads?|sees?|finds?) (?:this|it|me)\b"
         r"|\b(?:i'll|i will|i'm going to|i'd|i should) (?:probably |already )?be dead (?:by|before|soon|tomorrow|tonight|in)\b"
         r"|\bsay(?:ing)? (?:my )?(?:final |last )?goodbyes?\b(?! to (?:my|the|our) (?:old|house|apartment|job))"
         r"|\b(?:goodbye|farewell) (?:letters?|notes?|messages?|videos?)\b"),
    Rule("suicide.last_words", SUICIDE, 1, "last final care goodbye wrote writing written know understand they'll if thank thanks",
         r"\bmy (?:last|final) (?:post|message|words|goodbye|night|letter)\b|\btake care of (?:each other|yourselves|"
         r"yourself|everyone|my)\b|\b(?:wrote|writing|written) (?:\w+ ){0,2}(?:letters?|notes?) (?:to|for) (?:each of )?"
         r"(?:my|everyone|everybody|the)\b|\byou'll (?:all )?(?:know|understand) why\b|\bthey'll understand\b"
         r"|\bif i (?:don't|do not) (?:show up|make it|come back|post|answer|reply)\b"
         r"|\bthank(?:s| you) (?:all |everyone |guys )?for everything\b|\bgoodbye\b(?! to (?:my|the|our|a|alcohol|booze|drinking|drugs|using|that|this|\d))"),
    Rule("suicide.giving_away", SUICIDE, 1, "giving gave give needing need found care affairs will",
         r"\b(?:giving|gave|give) (?:away )?(?:all )?(?:of )?my (?:\w+ )?(?:stuff|things|belongings|possessions|"
         r"guitars?|clothes|books|pets?|cats?|dogs?|valuables|savings|cars?|records|vinyl|games|consoles?|tools|jewel(?:le)?ry|"
         r"xbox|playstation|ps5|switch|laptop|phone|tv|"
         r"collection|paintings|art|plants|bikes?|watch(?:es)?)(?: away)?\b"
         r"|\b(?:won't|will not|wont) (?:be )?need(?:ing)? (?:it|them|these|this|that|those|either|any|my \w+)\b"
         r"|\bfound (?:my|a) (?:cat|dog|pets?|bird) (?:a )?(?:new )?(?:home|owner)\b|\b(?:took|taking|take) care of (?:the |my )?"
         r"(?:paperwork|affairs|arrangements)\b|\baffairs in order\b|\b(?:wrote|writing|updated|made) (?:a|my) will\b"),
    Rule("suicide.burden", SUICIDE, 1, "sorry apologize apologise burden problem",
         r"\b(?:sorry|apologi[sz]e) for (?:being (?:a burden|a problem|such a (?:burden|mess)|alive|born)|everything)\b"
         r"|\bburden (?:on|to) (?:everyone|everybody|you|my|the)\b|\bwon't be a problem\b|\bi'm (?:just )?a burden\b"),
    Rule("suicide.finality", SUICIDE, 1, "peace night day plans stop end over kill done way up nobody no noone no-one here around funeral day date time gone",
         r"\bmade (?:my )?peace with\b|\b(?:tonight's|tonight is|today's|today is) the (?:night|day)\b"
         r"|\bstopped making plans\b|\b(?:picturing|planning|imagining|planned|picture|plan|imagine) my (?:own )?funeral\b"
         r"|\b(?:picked|chose|chosen|set|pick|choose) (?:the|a) (?:day|date|time)\b|\b(?:i'll|i will) be gone\b|\b(?:won't|will not) be (?:here|around) (?:tomorrow|next week|this weekend)\b|\b(?:nobody|no one|noone|no-one) (?:would|will|is going to) (?:even )?(?:notice|care|miss me)\b"
         r"|\bnobody (?:will|would) miss me\b|\bmake (?:it|everything|this|the pain|it all|all of it) stop\b"
         r"|\bwant (?:it|this|everything|it all) (?:all )?to (?:be over|end|stop)\b"
         r"|\b(?:please|someone|somebody|just|god) (?:please |just )?kill me\b"
         r"|\b(?:i'm|i am|i think i'm) (?:so |just |completely )?done\b(?! (?:with (?!life|living|everything|it all|this world)|"
         r"for (?:the|today|tonight)|(?:eating|cooking|work|here for)))"
         r"|\bno way out\b|\bi (?:give|gave) up\b"
         r"|\b(?:is|will be|'s) the (?:day|night) i (?:take|swallow|do|end|go|jump)\b|\bhow easy it (?:would|will|'d) be(?= (?:to (?:just )?(?:end|jump|go|die|do it|drive|swerve|take|let go|stop|step)|if i)|\s*[.!,]|$)"),
    Rule("suicide.deliberate", SUICIDE, 1, "purpose intentionally deliberately told",
         r"\b(?:on purpose|intentionally|deliberately)\b|\bhaven't told anyone\b"),
)

SELF_HARM_RULES: tuple[Rule, ...] = (
    Rule("self_harm.act", SUICIDE, 2, "myself",
         r"\b(?:cut|cutting|cuts|burn|burned|burnt|burning|hurt|hurting|harm|harming|hit|hitting|punch|punching|"
         r"scratch|scratching|carve|carving|stab|stabbing|bash|bashing) myself\b"
         r"(?! (?:shaving|cooking|on (?:a|the|my)|at (?:the gym|work)|in the kitchen|while|by accident|accidentally|"
         r"playing|lifting|running|out of|off from))", robust=True),
    Rule("self_harm.act_other", SUICIDE, 2, "cut slit slash slashed slashing cutting",
         r"(?:\b(?:cut|slit|slash|slashed|slashing) (?:my|her|his|their) (?:own )?(?:wrists?|arms?|thighs?|legs?|throat|skin)\b"
         r"|\b(?:cut|cutting) (?:pretty |really |too |so |way too )?deep\b)"
         r"(?!.{0,50}\b(?:shaving|by accident|accidentally|cooking|chopping|slipped|glass broke|broken glass)\b)"),
    Rule("self_harm.word", SUICIDE, 1, "self sh", r"\bself (?:harm|harming|harmed|injury|injuring|mutilation)\b|\bsh urges?\b"),
    Rule("self_harm.bleeding", SUICIDE, 2, "bleeding",
         r"\b(?:won't|will not|can't|doesn't|isn't going to) stop bleeding\b|\bcan't stop the bleeding\b"
         r"|\b(?:still|keeps?) bleeding\b|\bbleeding through\b|\bbleeding (?:a lot|badly|so much)\b"),
    Rule("self_harm.blood", SUICIDE, 1, "blood blisters hand",
         r"\b(?:so much|lots of|a lot of|too much) blood\b|\bblood (?:everywhere|all over)\b|\bblisters\b"
         r"|\b(?:razor|blade|lighter|knife) (?:is )?(?:already )?in my hand\b"),
    Rule("self_harm.compulsion", SUICIDE, 1, "hitting banging slamming punching stop urge urges over until going need want have",
         r"\b(?:hitting|banging|slamming|punching) (?:my )?(?:head|fists?) (?:against|into|on) (?:the )?(?:wall|floor|door)\b"
         r"|\bcan't (?:make myself |get myself to )?stop\b|\burges? to (?:cut|hurt|burn|harm)\b|\bover and over\b"
         r"|\buntil i (?:see stars|bleed|pass out)\b|\bwant to keep going\b"
         r"|\b(?:need|want|urge|have|going) to (?:cut|burn|hurt|harm)(?: myself| again| so bad| so badly| tonight)?\b"
         r"(?! (?:back|down|out|off|ties|my hair|the|a|some|costs|carbs|sugar|my losses|class)\b)"),
)
