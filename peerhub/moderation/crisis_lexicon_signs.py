"""Phrase families for the less literal crisis signals, compiled once at import.

Same conventions as ``crisis_lexicon`` (weights, anchors, ``robust``). These
families were added after a held-out evaluation showed that literal phrases
miss most indirect, slang and third-party messages:

* finality and settling affairs: "after I'm gone", "free of me", handing over
  keys and passwords, rehoming pets, letters for "whoever finds me", a life
  insurance policy that "pays out" after its waiting period;
* burden with a way out: "easier for them when I'm not in it";
* intent spelled with the bare word ("want to suicide", "sewerslide" after
  ``crisis_prep``) and command voices ("the voices tell me to jump");
* hanging and carbon-monoxide preparations, means within reach;
* ongoing self-harm ("been cutting every night"), stabbing objects into skin;
* lethal-amount questions ("how much X would do it", "enough to stop my
  breathing", "the number where you don't come back");
* veiled threats and being hunted (each a warning sign, two make a crisis);
* fear of harming a baby or child.
"""

from __future__ import annotations

from peerhub.moderation.crisis_lexicon import DANGER, INTENT, OVERDOSE, PERSON, PILLS, SUICIDE, Rule, W

CHILD = r"(?:the|my|our|her|his) (?:baby|infant|newborn|son|daughter|kid|kids|child|children|toddler|twins|little one)"
MEANS = (
    r"(?:gun|pistol|rifle|revolver|shotgun|handgun|blade|blades|razor|razors|rope|belt|cord|pills|meds|box cutter|"
    r"knife|lighter)"
)
_HOLD_PLACE = (
    r"(?:nightstand|night stand|drawer|closet|glovebox|glove box|bed|desk|pocket|lap|hand|table|dresser|safe|car|bag)"
)

SIGN_RULES: tuple[Rule, ...] = (
    Rule("suicide.intent_word", SUICIDE, 2, "suicide",
         r"\b(?:want|wanna|wanted|going|ready|about|plan|planning|need|decided|trying|try|have) to (?:commit )?suicide\b"
         r"|\bsuicide (?:is|seems|feels like) (?:the|my) (?:only|best|last) (?:way|option|answer|choice)\b"
         r"|\bsuicide (?:is )?(?:on my mind|all i (?:can )?think about|in my head)\b|\bsuicide (?:tonight|today|this weekend)\b"),
    Rule("suicide.self_talk", SUICIDE, 2, "yourself telling tell tells told want wants saying say",
         r"\bkill yourself (?:is what )?(?:\w+ ){0,3}(?:telling|tell|told|say to|saying to) myself\b"
         r"|\b(?:voices?|shadows?|shadow (?:people|ppl|figures)|something|it|they) (?:\w+ ){0,2}?(?:keeps? |keep |keeping )?"
         r"(?:telling|tell|tells|told|wants?|saying|say) me to (?:die|kill myself|jump|end it|hurt myself|cut|do it)\b"),
    Rule("suicide.tired_living", SUICIDE, 2, "living existing alive here breathing tomorrow stop",
         r"\b(?:tired|sick|exhausted) of (?:living|existing|being alive|being here|breathing)\b"
         r"(?! (?:with|in|at|like|out of|paycheck|on|off|alone|so far|here))"
         r"|\bno (?:version of )?tomorrow (?:that )?(?:i want|worth|i'd want)\b"
         r"|\b(?:want|wants|wanting|wish|need) to stop (?:being alive|living|breathing|existing)\b"),
    Rule("suicide.better_when_gone", SUICIDE, 2, "when once if peace relief rest picture",
         r"\b(?:better|easier|happier|calmer|lighter) (?:life|lives|off|time)? ?(?:when|once|if) i(?:'m| am| was| were)? "
         r"(?:(?:not|no longer) (?:here|around|alive|in (?:it|the picture|their lives))|gone|dead|out of (?:the picture|their lives))\b"
         r"|\b(?:peace|relief|rest|a break) (?:if|when|once) i (?:wasn't|weren't|was not|am not|was gone|am gone|'m gone|'m not)\b"),
    Rule("suicide.finality", SUICIDE, 1,
         "after once when gone dead free rid last mind made headed going right real through making fault ever "
         "picture myself arrangements affairs book ends spot sorry",
         r"\b(?:after|once|when) i'm (?:gone|dead|not (?:here|around|in (?:it|the picture))|no longer (?:here|around))\b"
         r"|\bafter (?:tonight|today|this weekend) (?:it|nothing) (?:won't|doesn't|will not|wont) matter\b"
         r"|\b(?:last|final) time (?:i'll|i will|i'm going to|you'll|anyone will|any of you will|you will) (?:\w+ ){0,2}?"
         r"(?:post|write|hear from me|see me|talk)\b|\blast (?:\w+ ){0,2}i'll ever\b"
         r"|\b(?:be|get|are) (?:free|rid) of me\b|\bsorry for (?:all of (?:it|this)|it all)\b|\bnot (?:anyone's|anybody's) fault\b"
         r"|\b(?:made up my mind|my mind is made up)\b|\bwhere i'm (?:going|headed)\b"
         r"|\b(?:i'll be|be|i'm) gone for good\b|\bbefore i (?:go|leave) (?:for good|forever)\b"
         r"|\b(?:go|goes|going|went) through with (?:it|this|that|\w+ing)\b|\bwon't be making it (?:there|to)\b"
         r"|\b(?:remove|take) myself (?:out of|from) (?:the|their|everyone's) (?:picture|lives|life|equation)\b"
         r"|\b(?:wasn't|weren't|not|out of) (?:in )?the picture (?:anymore|any more|for good|permanently)\b"
         r"|\b(?:arrangements|affairs) (?:are )?(?:made|sorted|in order|taken care of)\b|\bmy arrangements\b"
         r"|\bclosing the book on\b|\b(?:tying|tied) up (?:my )?loose ends\b|\bpicked (?:out )?(?:the|a) (?:spot|place)\b"),
    Rule("suicide.finality", SUICIDE, 1, "gone over done dead real",
         r"\bby (?:morning|sunrise|sunup|dawn|daybreak)(?: i'll| it'll| i will| it will)?(?: /)? (?:be )?(?:gone|over|done|dead)\b"
         r"|\b(?:the )?right (?:night|day|time|moment) to (?:do it|make it real|go|end it)\b|\bmake it real\b"),
    Rule("suicide.farewell_strong", SUICIDE, 2, "last gone remove check checkin ever",
         r"\blast time (?:any of you|you|anyone|anybody)(?:'ll| will) (?:ever )?(?:hear from|see) me\b"
         r"|\b(?:i'll|i will) be gone (?:before|by) (?:the next|next|tomorrow|morning|the weekend)\b"
         r"|\bremove myself (?:from (?:the|their|everyone's) (?:picture|lives|life) )?(?:for good|permanently|forever)\b"
         r"|\bmy (?:last|final) check-? ?in\b|\blast (?:\w+ ){0,2}i'll ever (?:write|post|say|send)\b"),
    Rule("suicide.closing", SUICIDE, 1, "book way picked coming afterwards afterward gone",
         r"\bclosing the book on (?:everything|it all|my life|this)\b|\bonly way out\b"
         r"|\b(?:spot|place|date|day) (?:all )?picked out\b|\bwon't be coming (?:home|back)\b"
         r"|\b(?:what to do|take care of|handle|deal with) (?:\w+ ){0,3}?(?:afterwards?|after i'm gone|when i'm gone)\b",
         robust=True),
    Rule("suicide.poison", SUICIDE, 2, "bleach antifreeze drain poison lye pesticide killer",
         r"\b(?:drink|drinking|swallow|swallowing|drank|swallowed|chug|chugging) (?:\w+ ){0,2}?(?:bleach|antifreeze|"
         r"drain cleaner|rat poison|poison|lye|pesticide|weed killer)\b"),
    Rule("suicide.threatening_self", SUICIDE, 2, "threaten threatens threatened threatening",
         r"\bthreaten(?:s|ed|ing)? to (?:\w+ ){0,2}?(?:kill|hurt|cut|hang|shoot|end|off) "
         r"(?:himself|herself|themselves|themself|myself)\b"),
    Rule("suicide.decided", SUICIDE, 1, "tonight decided gravemark pillpile",
         r"\btonight is it\b|\bi've decided\b|\bgravemark\b|\bpillpile\b"),
    Rule("suicide.means_near", SUICIDE, 1, "razor blade gun pistol rope",
         r"\b(?:sitting|lying|standing|here|alone) (?:\w+ ){0,5}?with (?:my |a |the |his |her |dad's |\w+'s )?(?:\w+ ){0,2}?"
         r"(?:razor|blade|gun|pistol|rope)\b"),
    Rule("suicide.settling", SUICIDE, 1,
         "title deed key keys password passwords pin accounts savings rehomed homes home deleted lease have use envelope "
         "sealed letter note anything adoption notice playstation xbox guitar car bike tools jewelry ring watch camera laptop stuff things clothes",
         r"\b(?:signed|handed|gave|giving|give|left|leaving|mailed|sent) (?:\w+ ){0,3}(?:title|deed|keys?|passwords?|pin|"
         r"accounts?|savings) (?:\w+ ){0,3}?(?:to|for|over)\b"
         r"|\b(?:rehomed|re-homed|found (?:a )?(?:new )?homes? for) (?:my|the) (?:\w+ )?(?:cats?|dogs?|pets?|rabbits?|birds?|"
         r"fish|animals)\b|\bdeleted (?:all )?(?:of )?my (?:social media|socials|accounts|profiles)\b"
         r"|\bcancel(?:l)?ed (?:my )?lease\b|\bgave (?:my )?notice on (?:my )?(?:lease|apartment|place)\b"
         r"|\b(?:put|putting) (?:my|the) (?:\w+ )?(?:cats?|dogs?|pets?|rabbits?|birds?) up for adoption\b|\b(?:someone|somebody|anyone) else can have (?:it|them)\b"
         r"|\bwhoever wants (?:it|them|my (?:\w+ ){0,1}\w+) can have\b|\bwon't (?:be )?need(?:ing)? (?:much of )?anything\b"
         r"|\b(?:handed|gave|giving) (?:my \w+ )?(?:my|all my) (?:\w+ )?(?:playstation|xbox|guitar|car|bike|tools|jewelry|ring|watch|"
         r"camera|laptop|stuff|things|clothes)\b|\b(?:he'll|she'll|they'll|you'll) (?:get|make) more use (?:out )?of\b"
         r"|\b(?:should|can) have (?:it|them) now\b|\bwhile i (?:still )?can (?:still )?(?:hand|give|say)\b"
         r"|\b(?:(?:the|my) )?(?:letter|note|envelope)s?(?:'s| is| are)? (?:sealed|written|done|finished|on the)\b"
         r"|\b(?:sealed|finished) (?:the|my|a) (?:letter|note)\b"),
    Rule("suicide.found_me", SUICIDE, 2, "finds find",
         r"\b(?:whoever|whomever|the one who|the person who|when (?:they|someone|you)) finds? me\b"),
    Rule("suicide.insurance", SUICIDE, 2, "insurance policy policies suicide",
         r"\b(?:insurance|policy|policies) (?:\w+ ){0,8}?(?:pays? out|covers?) (?:\w+ ){0,3}?(?:on everything|even (?:for )?"
         r"(?:that|suicide|it)|suicide|after (?:2|two) (?:yrs?|years?)|once it's been)\b|\bsuicide clause\b"),
    Rule("suicide.affairs_found", SUICIDE, 1, "insurance find",
         r"\b(?:made|making) sure (?:the|my) (?:life )?insurance\b"
         r"|\bwhere (?:my \w+|she|he|they|someone|somebody|the police) (?:will|'ll|can|would) find (?:it|them|the \w+)\b"),
    Rule("suicide.hanging", SUICIDE, 2, "belt rope cord cable sheet scarf hold",
         r"\b(?:belt|rope|cord|cable|sheet|scarf) (?:is |'s )?(?:already )?(?:looped|tied|hung|hanging|knotted|up) "
         r"(?:over|around|from|to|on) (?:the |a |my )?(?:\w+ )?(?:rod|beam|rafter|joist|door|bar|banister|railing|hook|pipe|"
         r"ceiling|fan|tree|branch)\b"
         r"|\bstrong enough to hold (?:me|my weight)\b"
         r"|\brope (?:is )?(?:up|ready|tied|already up)\b|\b(?:about|of) rope tonight\b"),
    Rule("suicide.exhaust", SUICIDE, 2, "running hose exhaust",
         r"\b(?:car|truck|engine|van) (?:is )?running in (?:the|a) (?:closed |shut )?(?:garage|barn|shed)\b"
         r"|\bhose (?:\w+ ){0,2}(?:from|to|on) the exhaust\b"),
    Rule("suicide.means_near", SUICIDE, 1, "nightstand stand drawer closet glovebox glove bed desk pocket lap hand table dresser safe car bag",
         rf"\b{MEANS} (?:is|are|'s) (?:\w+ ){{0,1}}(?:in|on|under|next to|beside) (?:the|my) {_HOLD_PLACE}\b"),
    Rule("suicide.drive_into", SUICIDE, 2, "drive driving crash crashing steer swerve",
         rf"\b{INTENT} (?:drive|crash|steer|swerve) (?:my |the |our )?(?:car |truck |van |bike |motorcycle |jeep )?"
         r"(?:into|off) (?:a |the )?(?:\w+ ){0,2}(?:wall|tree|divider|barrier|bridge|cliff|traffic|pole|median|lake|river|"
         r"quarry|ravine|canyon|semi|guardrail|ocean|embankment|overpass)\b"),
    Rule("self_harm.ongoing", SUICIDE, 2, "cutting burning carving scratching deeper stabbing jabbing poking slicing slice",
         r"\b(?:been|started|start|keep|kept|i'm|still|back to) (?:cutting|burning|carving|scratching)(?: myself| my \w+)?"
         r"(?: with (?:a |the )?\w+)?(?: again| every (?:night|day|morning)| daily| each night| most nights| tonight)\b"
         r"|\b(?:cut|go|going|cutting) deeper (?:than|tonight|this time)\b"
         r"|\b(?:stab|stabbing|jab|jabbing|poke|poking) (?:\w+ ){0,5}?into my (?:thigh|arm|leg|wrist|skin|hand|stomach)s?\b"
         r"|\b(?:slic(?:e|ing)|slit(?:ting)?|carv(?:e|ing)) (?:my|her|his|their) (?:own )?(?:arms?|wrists?|thighs?|legs?|skin)\b"
         r"|\bburning my (?:arm|wrist|thigh|leg|skin|hand)s? with\b(?! (?:hot oil|the (?:oven|stove|pan|iron)))", robust=True),
    Rule("suicide.lethal_q", SUICIDE, 2, "many much where until before enough way method death",
         rf"\bhow (?:many|much) (?:{W}){{0,8}}?(?:would|will|does|do|to|should) (?:{W}){{0,6}}?(?:kill (?:me|you|a person)|"
         r"be fatal|be lethal|stop (?:my|your|the) (?:heart|breathing)|not wake up|never wake up|never come back|"
         r"not come back|go for good)\b"
         r"|\bhow (?:many|much) (?:of )?(?:my |the |these )?(?:insulin|pills|meds|tylenol|\w+ pills) (?:would|will) (?:it )?"
         r"(?:take to )?(?:do it|do the job)\b"
         r"|\b(?:where|until|before) (?:you|i|a person|someone|people) (?:just )?(?:don't|won't|never|do not) (?:come back|wake up)\b"
         r"|\benough to (?:stop (?:my|his|her|your) (?:breathing|heart)|kill (?:me|myself|a person|someone)|end (?:it|me)|"
         r"not wake up|put me down)\b"
         r"|(?<!was )(?<!was a )\b(?:a )?(?:peaceful|painless|gentle|easy|clean) (?:way|method|death) to (?:go|die|end it|check out)\b"),
    Rule("suicide.lethal_hint", SUICIDE, 1, "liver kidneys heart breathing organs asking right exact exactly",
         r"\b(?:shuts?|shut|knocks?) (?:\w+ ){0,3}?(?:liver|kidneys|heart|breathing|organs) (?:down|out)\b"
         r"|\basking for (?:me|myself)\b|\bso i get it right\b|\bexact (?:count|number|amount|dose)\b"
         rf"|\bhow (?:many|much) (?:of )?(?:my |the |these )?{PILLS} (?:\w+ ){{0,3}}?(?:would|to) (?:it )?take\b"),
    Rule("danger.threat_body", DANGER, 2, "break snap smash again",
         rf"\b{PERSON}(?:'ll| will| is going to| is gonna|'s going to| said he'll| said she'll| said they'll)? (?:[\w']+ ){{0,8}}?"
         r"(?:break|snap|smash) (?:my|your) (?:neck|legs?|face|jaw|arms?|skull|throat|head)\b"
         r"(?! (?:if|when) i(?:'m| am)? (?:late|forget|miss|spill|eat|break))"
         r"|\bmake sure i (?:never|can't|won't) walk again\b"),
    Rule("danger.kill_idiom", DANGER, 2, "ground under bag grave",
         r"\b(?:going to|gonna|will|i'll|about to) (?:[\w']+ ){0,10}?(?:put|send) (?:him|her|them|you|that \w+) "
         r"(?:in the ground|six feet under|in a (?:body bag|grave))\b", robust=True),
    Rule("danger.veiled", DANGER, 1,
         "dead next sure where boys crew guys people goons homies looking hunting coming hiding waiting parked bat "
         "crowbar machete hammer pipe face smashed broke",
         r"\b(?:i'm|i am) (?:a )?dead (?:man |meat )?(?:if|unless)\b"
         r"|\bnext time (?:he|she|they) (?:sees?|see|catch(?:es)?|finds?) me\b"
         r"|\bmake sure (?:i|you) (?:can't|cannot|never|won't|will never) (?:\w+ ){0,1}(?:run|walk|talk|see|leave|breathe|work)\b"
         r"|\b(?:knows?|found out) where i (?:live|park|work|sleep|stay)\b"
         r"|\b(?:his|her|their|the) (?:boys|crew|guys|people|goons|homies) (?:are|is|were) (?:\w+ ){0,2}?(?:looking for|after|"
         r"outside|out front|coming|waiting|parked)\b|\b(?:looking|hunting|coming) for me\b(?! (?:at|to pick|after))"
         r"|\bhiding (?:at|out|behind)\b|\b(?:waiting|parked|sitting) (?:for me )?(?:outside|out front|across the street)\b"
         r"|\b(?:with|has|holding|carrying) a (?:bat|crowbar|machete|hammer|pipe)\b"
         r"|\bnext time it's my (?:face|head|turn)\b|\b(?:smashed|broke) (?:my|the) (?:window|door|windshield)\b"),
    Rule("danger.child", DANGER, 2, "picturing imagining thinking thoughts urge urges scared afraid terrified trust",
         r"\b(?:picturing|imagining|thinking about|thoughts of|thoughts about|urges? to|scared i(?:'ll| will| might| am going to)|"
         r"afraid i(?:'ll| will| might)) (?:\w+ ){0,2}?(?:hurt|hurting|harm|harming|shake|shaking|smother|smothering|drown|"
         rf"drowning|hit|hitting|suffocate|suffocating|kill|killing|strangle|strangling) {CHILD}\b(?!'s|')"
         rf"|\b(?:scared|afraid|terrified) of what i(?:'m| am)? (?:going to|gonna|might|will|could) do to (?:her|him|them|{CHILD})\b"
         rf"|\b(?:don't|do not|can't) trust myself (?:\w+ ){{0,2}}(?:with|around) (?:her|him|them|{CHILD})\b",
         robust=True),
)

# A stimulant binge; with heart, chest or psychosis symptoms it is a crisis.
TAG_STIM = "tag.stim"
STIM_RULES: tuple[Rule, ...] = (
    Rule(TAG_STIM, OVERDOSE, 0, "geeked geekin geeking tweakin tweaking spun bender binge binging",
         r"\b(?:geeked|geekin|geeking|tweakin|tweaking|spun(?: out)?|on a (?:bender|binge)|binging)\b"
         r"(?! (?:about|to|that|over|on|my|the|a|some|it|this)\b| for (?!(?:\w+ )?(?:days|nights|hours)\b))"),
)
