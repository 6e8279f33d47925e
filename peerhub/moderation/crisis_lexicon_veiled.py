"""Phrase families for veiled intent, relayed farewells and violence in progress.

Same conventions as ``crisis_lexicon`` (weights, anchors, ``robust``). These
families were added after a blind held-out measurement showed them missing:

* farewells relayed through someone else ("tell my son I loved him"), peace
  after a deadline, goodbyes already said, "or any week after that";
* research into means or places (which bridges lack nets, how long a dose
  takes), hanging points, exhaust in a shut garage, drowning weights;
* a plan worked out ("I know how I'd do it"), intent to die as a decision;
* means out and ready, not trusting oneself, asking someone to stay;
* Spanish statements of suicidal intent (Spanglish is common in chat);
* someone else self-harming or planning to die now, re-sedation after
  naloxone, a weapon being loaded, assault in the present tense, threats to
  break a skull or finish "what he started".
"""

from __future__ import annotations

from peerhub.moderation.crisis_lexicon import DANGER, KIN, OVERDOSE, PILLS, SUICIDE, Rule

_TOOLS = r"(?:lighter|razor|razors|blade|blades|knife|cigarette|scissors|glass|box cutter|compass|needle|pin)"
_BODY = r"(?:arms?|wrists?|thighs?|legs?|stomach|skin|hips?|ankles?|forearms?|shoulders?)"
_HEIGHTS = r"(?:bridges?|roofs?|rooftops?|buildings?|overpass(?:es)?|parking (?:garages?|structures?)|cliffs?|balcon(?:y|ies)|towers?)"
_WEAPON = r"(?:gun|pistol|rifle|shotgun|revolver|handgun|knife|machete|bat|crowbar|hammer|axe)"

VEILED_RULES: tuple[Rule, ...] = (
    Rule("suicide.relayed_farewell", SUICIDE, 2, "tell let make loved",
         r"\b(?:tell|let|make sure) (?:my \w+|them|everyone|everybody|her|him|the kids)(?: \w+)? (?:know |knows )?(?:that )?"
         r"i (?:loved|always loved|really loved) (?:her|him|them|you|you all|everyone|everybody|y'all)"
         r"(?=\s*(?:[.!,;]|$| so much| very much| more than| always| and\b))"),
    Rule("suicide.relayed_sorry", SUICIDE, 1, "tell let",
         r"\b(?:tell|let) (?:my \w+|them|everyone|everybody) (?:know )?(?:that )?i(?:'m| am| was) sorry\b"),
    Rule("suicide.way_out", SUICIDE, 1, "way end everything everything's all",
         r"\b(?:have|found|got|see|know) (?:a|my|the|one) way out\b(?! of (?:debt|this job|the|my \w+ (?:lease|contract)))"
         r"|\b(?:the )?end of (?:the|my) (?:story|road|line)\s*(?:[.!]|$)"
         r"|\b(?:everything|it all|all)(?:'s| is) (?:tidy|settled|sorted|squared away|in order|taken care of) now\b"),
    Rule("suicide.other_farewell", SUICIDE, 1, "goodbye farewell picking pick answering answer responding replying",
         r"\b(?:texted|sent|messaged|posted|wrote|left) (?:me |us |her |him )?(?:a |this )?(?:\w+ )?(?:'|\")?(?:goodbye|farewell)\b"
         r"|\b(?:he|she|they|my \w+)(?: now)? (?:won't|isn't|is not|hasn't been|stopped|doesn't|will not) "
         r"(?:pick(?:ing)? up|answer(?:ing)?|respond(?:ing)?|reply(?:ing)?)\b"),
    Rule("suicide.stop_forever", SUICIDE, 2, "stop end over stops die breathing wake",
         r"\b(?:want|need|wish|going|ready) (?:it|everything|it all|this|all of it) (?:all )?to (?:stop|end|be over),? "
         r"(?:permanently|for good|forever)\b"
         r"|\b(?:going to|gonna|want to|i'll|i will|about to|plan to) (?:drink|use|take|shoot|keep (?:going|using|drinking|taking)) "
         r"(?:\w+ ){0,3}?until (?:my heart stops|i (?:die|stop breathing|don't wake up|never wake up)|it kills me)\b"
         r"(?! (?:racing|pounding|hurting|aching))"),
    Rule("suicide.at_peace", SUICIDE, 1, "peace worry",
         r"\b(?:i'll|i will|i'm going to|going to|soon) (?:finally |soon |at last )?be at peace\b"
         r"|\b(?:don't|do not|no need to|try not to) worry about me (?:after|anymore|any more|from now on|when)\b"),
    Rule("suicide.goodbyes_said", SUICIDE, 2, "said goodbyes",
         r"\b(?:said|sent|made) (?:all )?(?:my )?(?:final |last )?goodbyes"
         r"(?=\s*(?:[.!,;]|$| to (?:everyone|everybody|all of you|you all|you guys|y'all|the people|those|anyone|the ones)\b))"),
    Rule("suicide.no_future_routine", SUICIDE, 1, "after honor honour ever other",
         r"\b(?:or|nor) (?:any|the) (?:\w+ )?(?:after that|one after)\b"
         r"|\b(?:it's|it has|it was) been an hono(?:u)?r\b|\bor (?:ever|any other \w+)(?: again)?\s*(?:[.!]|$)"),
    Rule("suicide.no_reason", SUICIDE, 2, "reason point",
         r"\b(?:can't|cannot|couldn't|can not) (?:come up with|think of|find|see) (?:a|one|any) (?:single )?(?:reason|point) "
         r"to (?:see|make it to|get to|live (?:to|until)|stay for) (?:tomorrow|next (?:week|month|year)|another (?:day|week)|"
         r"the weekend|morning|monday|christmas|my birthday)\b"),
    Rule("suicide.research_place", SUICIDE, 2, "which what does do if whether is are",
         rf"\b(?:which|what|if|does|do|whether|is|are) (?:\w+ ){{0,3}}?{_HEIGHTS} (?:\w+ ){{0,5}}?"
         r"(?:have|has|had|got|don't have|doesn't have|lack|without)(?: no| any| still)? (?:\w+ ){0,2}?"
         r"(?:fences?|fencing|nets?|netting|barriers?|railings?|guard ?rails?)\b"),
    Rule("suicide.research", SUICIDE, 1, "looking looked researching researched googling googled searching searched",
         rf"\b(?:looking|looked|researching|researched|googling|googled|searching|searched) (?:up )?(?:\w+ ){{0,4}}?"
         rf"(?:{_HEIGHTS}|lethal|fatal|overdoses?|doses? (?:that|to)|ways? to (?:die|go)|how to (?:die|hang|overdose))\b"),
    Rule("suicide.lethal_time", SUICIDE, 1, "long",
         r"\bhow long (?:does|will|would|do|did) (?:it|they) take (?:for )?(?:\w+ ){0,4}?to (?:kill|die|stop (?:my|the) heart)\b"),
    Rule("overdose.took_bottle", OVERDOSE, 2, "took swallowed downed popped take swallow",
         rf"\b(?:took|swallowed|downed|popped) (?:the|a|my|an) (?:whole |entire |full )?bottle of (?:my |the |his |her )?{PILLS}\b"
         r"|\b(?:already |just )?(?:took|swallowed) (?:the|a|my|an) (?:whole |entire |full )?bottle\b(?! (?:of|to|with|back|out|home)\b)"
         r"|\b(?:take|took|swallow|swallowed|going to take) (?:them all|all of them|every one of them|the lot)\b"
         r"(?! (?:to|out|home|with|for|on|in|back|off|down|at|and go)\b)"),
    Rule("suicide.hang_point", SUICIDE, 1, "beam rafter joist hook banister railing branch pipe rod fan",
         r"\b(?:which|what|the|a) (?:\w+ )?(?:beam|rafter|joist|hook|banister|railing|branch|pipe|closet rod|ceiling fan) "
         r"(?:\w+ ){0,6}?(?:goes over|go over|will hold|would hold|holds|to tie|it goes|to use)\b"),
    Rule("suicide.engine", SUICIDE, 1, "engine motor garage",
         r"\b(?:in|inside) (?:the|my|a) (?:car|truck|van) with the (?:engine|motor) (?:running|on)\b"
         r"|\bgarage (?:door )?(?:is |'s )?(?:already |all the way )?(?:shut|closed)\b"),
    Rule("suicide.drowning", SUICIDE, 2, "rocks stones weights bricks",
         r"\b(?:rocks|stones|weights|bricks) in my (?:pockets|coat|backpack|jacket)\b"),
    Rule("suicide.decided_die", SUICIDE, 2, "die dead",
         r"\b(?:decided|deciding|chose|choosing|chosen|intend|intending|planning|made up my mind) (?:that )?(?:to |i'm going to |i am going to "
         r"|i'll |i will )?(?:die|be dead)\b"
         r"(?! (?:on|of|in|at|with|old|happy|peacefully|laughing|trying|for|my|his|her|it|the|them)\b)"),
    Rule("suicide.plan_worked", SUICIDE, 1, "worked figured know thinking thought planned",
         r"\b(?:worked|figured|planned) out (?:how|when|where|the way) (?:i'd|i would|i'll|i will|to) "
         r"(?:do it|make (?:that|it) happen|go|end it|die)\b"
         r"|\b(?:thinking|thought|think) about how (?:i'd|i would|i'll|i will|to) (?:do it|die|end it)\b"
         r"|\bi (?:think i )?know how\s*[.!]"),
    Rule("suicide.plan_known", SUICIDE, 2, "know knew",
         r"\b(?:i|i've) (?:already |think i |finally )?(?:know|knew|decided) (?:exactly )?(?:how|where|when) (?:i'd|i would|i'll|i will|i'm going to) "
         r"(?:do it|end it|go)\b(?!\s*:)"),
    Rule("suicide.not_trust_self", SUICIDE, 1, "trust stay",
         r"\b(?:don't|do not|can't|cannot) trust myself(?: (?:right now|tonight|alone|anymore|any more|not to))?\s*(?:[.!?,]|$|right|tonight)"
         r"|\b(?:can|could|will|would) (?:someone|somebody|anyone|anybody|you) (?:please )?stay (?:on \w+ |up )?with me\b"),
    Rule("suicide.means_out", SUICIDE, 1, "holding out started",
         rf"\b(?:holding|gripping|clutching) (?:the|a|my|his|dad's) {_WEAPON}\b"
         r"|\b(?:razor|blade|blades|knife|lighter|box cutter|pills|meds|gun) (?:is|are|'s) (?:already )?out\b(?! of)"
         r"|\b(?:and|i've|i have) already started\s*(?:[.!]|$)"),
    Rule("self_harm.tool_act", SUICIDE, 2, "burned burnt cut carved scratched sliced stabbed",
         rf"(?<!accidentally )(?<!accidently )\b(?:burned|burnt|cut|carved|scratched|sliced|stabbed) my {_BODY} (?:\w+ ){{0,1}}"
         rf"with (?:a|the|my) (?:\w+ )?{_TOOLS}\b"
         r"(?!.{0,50}\b(?:shaving|by accident|accidentally|cooking|chopping|slipped|grill|bbq|campfire|lighting|fishing)\b)",
         robust=True),
    Rule("self_harm.other_now", SUICIDE, 2, "cutting burning hurting hitting stabbing",
         r"\b(?:is|are|'s|keeps?|kept|started|been) (?:\w+ )?(?:cutting|burning|hurting|hitting|stabbing) "
         r"(?:himself|herself|themselves|themself)\b(?! (?:on|at|playing|off|out|short|up|down|some|a|with (?:work|guilt)|by accident|"
         r"accidentally|skating|skateboarding|in (?:the|a|his|her) (?:game|gym|match))\b)"),
    Rule("suicide.other_plan", SUICIDE, 2, "life",
         r"\b(?:plan|planning|going|wants?|about|trying|threaten\w*|decided|ready) to (?:end|take) (?:his|her|their) (?:own )?life\b"),
    Rule("suicide.spanish", SUICIDE, 2,
         "quiero vivir matarme suicidarme morirme morir matar vida aguanto puedo",
         r"\b(?:ya )?no quiero (?:seguir )?(?:vivir|viviendo|estar aqui|despertar)\b(?! (?:aqui|aca|en|con|cerca|lejos)\b)|\bquiero (?:morir(?:me)?|matarme|suicidarme)\b"
         r"|\bme (?:quiero|voy a) (?:matar|morir|suicidar)\b|\b(?:voy a|pienso) (?:matarme|suicidarme|quitarme la vida)\b"
         r"|\bquitarme la vida\b"),
    Rule("overdose.back_under", OVERDOSE, 2, "back",
         r"\b(?:he's|she's|they're|he is|she is|they are|keeps?|kept|is|started) (?:\w+ )?(?:going|slipping|sliding|fading) "
         r"back under\b|\b(?:nodding|nodded|passing|passed) back out\b"),
    Rule("danger.skull", DANGER, 2, "bust crack smash bash break split cave knock",
         rf"\b(?:going to|gonna|will|i'll|about to|want to|swear i'll|he'll|she'll) (?:\w+ ){{0,2}}?(?:bust|crack|smash|bash|break|split|"
         rf"cave|knock) (?:in )?(?:his|her|their|your|that \w+'s|my {KIN}'s) (?:\w+ )?(?:skull|head|face|jaw|teeth|kneecaps?)"
         rf"(?: in| open)?\b", robust=True),
    Rule("danger.finish", DANGER, 2, "finish finished",
         r"\b(?:be |come )?back (?:\w+ ){0,2}?to finish (?:what (?:he|she|they) started|me off|me)\b"
         r"|\bfinish what (?:he|she|they) started\b"),
    Rule("danger.armed_now", DANGER, 1, "loading loaded back bat knife gun door bed",
         rf"\b(?:loading|loaded|cleaning|pulled out|getting out) (?:the|a|his|her|their) {_WEAPON}\b"
         r"|\b(?:he's|she's|they're|he is|she is) back\b(?! (?:at|to|in|from|on|home|together|with|for)\b)"
         rf"|\b(?:got|have|keep|keeping|put) (?:a|the|my) {_WEAPON} by (?:the|my) (?:door|bed)\b"),
    Rule("danger.assault_now", DANGER, 2, "chokes strangles beats punches kicks stabs hits attacks",
         r"\b(?:he|she|they|my (?:husband|wife|partner|boyfriend|girlfriend|bf|gf|ex|dad|father|mom|mother|stepdad|stepmom|"
         r"brother|roommate|dealer|landlord|uncle|pimp|fianc[eé]e?))(?: \w+)? (?:chokes|strangles|beats|punches|kicks|stabs|hits|"
         r"attacks) me\b(?! up\b)"),
    Rule("danger.next_time", DANGER, 1, "next",
         r"\bnext time (?:he|she|they)(?:'ll| will)? (?:won't|will not|wont) (?:stop|let go|miss|hold back)\b"),
    Rule("danger.harm_target", DANGER, 2, "kill shoot stab murder",
         r"\b(?:going to|about to|threaten(?:s|ed|ing)? to|planning to|swear i'll|i'll|i will|he'll|she'll) "
         r"(?:kill|shoot|stab|murder) (?:our|their|the|this|that) (?:neighbou?r|landlord|dealer|boss|coworker|roommate|"
         r"family|kids?|teacher|manager|ex)\b"),
)
