"""Lexicons for gambling, use details, self-harm, eating disorders and overdoses.

Same shape as ``topic_lexicon``: ``terms`` mark the topic, ``exclude`` phrases
are blanked first.  ``relapse_details`` is not a lexicon; it is a narrative
rule in ``triggers``.
"""

from __future__ import annotations

from peerhub.moderation.topic_lexicon import Lexicon, after, near

DRUG_WORDS = (
    r"heroin\w*|herion|dope|fent\w*|meth|crystal|coke|cocaine|crack|oxys?|percs?|"
    r"pills?|drugs?|opioids?|opiates?|smack|tar|blues|m30s?|speed|ice|molly|"
    r"shards?|rock|rocks|subs?|suboxone|methadone|powder|it|the shot|a shot|stuff"
)

GAMBLING = Lexicon(
    terms=(
        r"gambl(?:e|ed|er|ers|es|ing|in'?)|gamblin'?|gambel\w*|gamling|gamblng|slots|gamblers anonymous|casinos?|casino's|slot machines?|"
        r"(?:the|playing|play|played|hit the|on the|penny) slots|slots? (?:app|games?|machine\w*)|"
        r"poker(?! face)|texas hold ?'?em|hold ?'?em|blackjack|black jack|roulette|craps|"
        r"baccarat|keno|pachinko|pokies|fruit machines?|vlts?|video lottery|video poker|"
        r"lottery|lotto|lotteries|powerball|mega ?millions|scratch[- ]?offs?|scratchers?|"
        r"scratch(?:ie|y)s?|scratch (?:tickets?|cards?)|lottery tickets?|pull ?tabs?|"
        r"bookies?|bookmakers?|sports ?books?|sports ?betting|betting (?:app|apps|site|sites|"
        r"account|slip|shop|odds|line|lines|money|habit|problem|addiction)|"
        r"bet ?slips?|parlays?|same[- ]game parlays?|prop bets?|moneylines?|point spreads?|"
        r"over/under|draftkings|draft kings|fanduel|fan duel|betmgm|bet ?365|bovada|"
        r"pointsbet|caesars sportsbook|espn ?bet|prizepicks|prize picks|underdog fantasy|"
        r"stake\.com|chumba|sweepstakes casino|online casinos?|horse racing|the track|"
        r"off[- ]track betting|the ponies|dog track|daily fantasy|dfs|"
        r"exactas?|trifectas?|superfectas?|quinellas?|daily double bet\w*|across the board bet\w*|"
        r"chas(?:e|ed|ing) (?:my |the |his |her )?loss(?:es)?|loss chasing|wager\w*|"
        r"high rollers?|the house always wins|double(?:d)? down on red|"
        r"on (?:red|black)(?= ?[.,!?)]|$| again| and | or | every| at | (?:at|on) the (?:roulette|wheel|table))|"
        r"bingo hall|bingo night|bet(?:s|ting)? (?:on|the) (?:the )?(?:game|games|parlay|"
        r"spread|odds|over|under|favou?rite|underdog|horses?|dogs|fight|super bowl|"
        r"march madness|playoffs?|nfl|nba|mlb|nhl|ufc|eagles|chiefs|lakers|cowboys|team)",
        near(r"bet|bets|betting|betted|wagered", r"\$\s?\d[\d,.]*k?|\d[\d,.]*k? ?(?:dollars|bucks|grand)|"
             r"paycheck|rent money|savings|app|odds|parlay|game|games|line|spread|"
             r"payout|won|win|lost|lose|losing|losses|bookie|sportsbook|online|"
             r"everything|house|account|deposit\w*|credit card", 30),
        after(r"placed|place|placing|put|putting|laid|lay|make|made|making", r"(?:a |another |one |some |more |my )?bets?", 6),
        # Stakes put "on" a market, UK/AU betting words, skins and loot boxes.
        r"(?:put|putting|bet|betting|laid|lay|threw|dropped|slapped) (?:my |the |a |an |his |her )?(?:whole |entire )?"
        r"(?:\$?\d[\d,.k]*(?: dollars| bucks| grand| quid)?|paycheck|pay ?check|wages|rent(?: money)?|savings|check|tax refund|"
        r"stimulus|bonus|mortgage|everything|it all|life savings) on (?:the )?(?:over|under|spread|favou?rites?|underdogs?|"
        r"red|black|a (?:horse|parlay|long ?shot)|(?:\w+ )?to win|the (?:game|fight|match|race|ponies))\b|"
        r"accas?|accumulators?|each[- ]way|fobts?|fixed odds|paddy power|william hill|ladbrokes|betfair|betway|sky ?bet|"
        r"betfred|sportsbet|punt(?:ing|ed|s)? on (?:the )?(?:accas?|horses|gee-?gees|football|games?|dogs|matches|races|"
        r"\w+ (?:match|game|race))|skins? (?:betting|gambling)|(?:bet|betting|gambl\w*) (?:my |our )?skins|"
        r"case openings?|crypto casinos?|roobet|rollbit|crash gambling|apuest\w*|tragamonedas|tragaperras",
        near(r"loot ?box\w*|gacha|case opening", r"money|spent|spend\w*|\$\d|addict\w*|gateway|chas\w*|credit card|"
             r"gambl\w*|paycheck|savings|debt", 40),
    ),
    exclude=(
        r"i bet(?! (?:on|\$|\d|it all|everything|the))|you bet|bet you|betcha|safe bet|best bet|"
        r"better|\bbet\b(?=[.!]|$)|wanna bet|want to bet|sure bet|hedge (?:my|your) bets|"
        r"(?:don'?t|not|never) gambl\w* with (?:your|my|our|their) \w+|"
        r"gambl\w* with (?:your|my|our|their) (?:recovery|sobriety|health|life|lives|safety)|"
        r"poker face|the odds|odds are|against (?:all )?the odds|odds and ends|at odds|"
        r"(?:\d+|two|three|few|some|any|no|more|empty|open|free|available|remaining|time|"
        r"parking|meeting|speaking|card|expansion|memory|ram|storage|the|those|these) slots(?! (?:machines?|app|games?))|"
        r"slots (?:in|for|at|of|left|open|available)|uno|time slots?|slots? (?:in|for|at|of) (?:the|my|your|a)|(?:time|parking|open|"
        r"free|available|speaking|share|sharing|meeting|appointment|card) slots?|"
        r"won the lottery with|genetic lottery|birth lottery|postcode lottery|"
        r"(?:read|reading|story|short story|book|novel|film|movie|play) (?:called |titled )?['\"]?the lottery|"
        r"the lottery['\"]? by",
    ),
)

PARAPHERNALIA = Lexicon(
    terms=(
        r"syringes?|insulin syringes?|needle exchange\w*|syringe (?:exchange|services?|program)\w*|"
        r"(?:dirty|clean|used|shared|sharing|share|new|fresh|rusty|bent|sterile) "
        r"(?:needles?|rigs?|works|syringes?|points|cookers?|cottons?|pipes|stems|straws|water)|"
        r"(?:no|out of|ran out of|running out of) (?:good |usable |more )?veins|"
        r"veins? (?:left|were (?:shot|gone|blown|collapsed)|are (?:shot|gone|blown))|"
        r"rolling papers?|zig ?zags|"
        r"(?:^|[.!?] )slamming\b(?! (?:doors?|the|my|his|her|into|on|down|a |through))|"
        r"(?:started|start|quit|stopped|stop|into|from|about|been|was) slamming\b"
        r"(?! (?:doors?|the door|into|my|his|her|on|down|a ))|"
        r"slamm(?:ing|ed) (?:meth|tina|crystal|dope|ice|speed|fent\w*|heroin)|"
        r"needle (?:marks?|tracks?|drug|user\w*|junkie|fixation|freak)|track marks?|"
        r"tourniquets?|(?:my|an old|old|his|her|a|the|new|clean|spare|loaded) rigs?|"
        r"(?:shot|shoot\w*|inject\w*|bang\w*|hit) (?:it |dope |heroin |up |them |that |meth |fent )?(?:in|into) (?:my|his|her|their|the) "
        r"(?:neck|arms?|foot|feet|legs?|groin|hands?|veins?|jugular|toes?|thighs?)|"
        r"bang(?:ing|ed|s)? (?:dope|heroin|meth|it|up|fent\w*|speed|coke)|pipe burns?|burnt? (?:lips|fingertips)|"
        r"(?:rail(?:ed|ing|s)?) (?:a |some |my |his |her |\w+'?s )?(?:adderall|pills?|percs?|oxys?|coke|blow|meth|"
        r"lines?|bumps?|addys?|\w+)|cottons? fever|cottons|shooting galler\w*|"
        r"dab rigs?|oil rigs? for dabs|bongs?|bong ?rips?|bubblers?|one[- ]hitters?|"
        r"chillums?|hookahs? with|crack pipes?|meth pipes?|glass pipes?|glass stems?|"
        r"crack stems?|push(?:ing)? stems?|brillo|chore ?boy|pipe ?hits?|"
        r"(?:(?:back )?on|hit(?:ting)?|suck(?:ing|ed)? on) the pipe(?! (?:burst|froze|leak\w*|dream|organ|line))|"
        r"tooters?|foil (?:tooter|burns?|strips?)|smok\w* (?:it |them |\w+ )?(?:off|on) (?:the |some )?foil|"
        r"chas(?:e|ed|ing) the dragon|chasing dragon|rolled[- ]up (?:dollar|bill|twenty|note)\w*|"
        r"key ?bumps?|rails|snort\w*|sniffed (?:it|a line|lines)|insufflat\w*|"
        r"inject(?:ing|ed|s|ion)? (?:my |some |the )?(?:heroin|meth|dope|fent\w*|coke|cocaine|drugs|it|"
        r"subs|suboxone|speed|crystal|myself)|injection drug\w*|iv drug\w*|iv use\w*|"
        r"went iv|go iv|going iv|ivdu|mainlin\w*|shoot(?:ing)? up|shot up (?:in|heroin|dope|"
        r"meth|fent|again|for|behind|at)|shooting (?:my |some |the )?(?:heroin|dope|meth|fent\w*|coke|speed|"
        r"it|smack|crystal|subs|suboxone)|boof\w*|plugg(?:ed|ing) (?:it|meth|coke)|"
        r"(?:find|found|finding|hit|hitting|missed|missing|miss|lost|blew|blown|"
        r"collapsed|burned|burnt|shot) (?:a |my |the |his |her |every |any )?veins?|"
        r"collapsed veins?|veins? (?:collapsed|were shot|were gone)|"
        r"skin[- ]?pop\w*|muscl(?:ed|ing) (?:it|dope|the shot|heroin)|"
        r"veins? (?:had |have )?(?:finally |all |just )?(?:gave out|given out|gave up|given up|are (?:shot|gone|blown|ruined|wrecked)|"
        r"were (?:blown|ruined|wrecked)|ran out|disappeared)|"
        r"abscess\w*|cook(?:ed|ing|s)? (?:it |a shot |the shot |dope |heroin |it up |up )"
        r"(?:in|on) (?:a |the |my )?spoon|cook(?:ed|ing|s)? up (?:a |the )?(?:shot|dope|heroin|fix|hit)|"
        r"burnt spoons?|burned spoons?|spoons? (?:and|with) (?:a )?(?:lighter|cotton|needle|rig)",
        r"tie[ds]? off with|tying off with|tie[ds]? off (?:my|his|her) arm",
        near(r"tie[ds]? off|tying off", r"arm|vein\w*|belt|shoot\w*|needle\w*|rig|shot|spoon|"
             r"heroin|dope|fent\w*|meth|cotton|cook\w*", 30),
        near(r"needles?|syringes?|rigs?", r"plunger|put (?:it|the needle) in|stuck (?:it|the needle) in|"
             r"pushed|booted|register\w*|flag\w*", 30),
        near(r"cook(?:ed|ing|s)?", r"spoons?|bottle caps?|caps?|lighter|cotton|citric|vitamin c|"
             r"shot|dope|heroin|fent\w*|crack|rock|rocks|baking soda|needle", 25),
        near(r"needles?|rigs?|syringes?|points|works", r"shoot\w*|shot up|inject\w*|vein\w*|"
             r"ready|sleeve|loaded|fill\w*|draw\w* up|died|dead|overdos\w*|body|"
             r"heroin|dope|fent\w*|meth|arm|arms|junk\w*|using|used|share\w*|spoon|tourniquet|"
             r"cotton\w*|track|marks|high|fix|tie|tied|brown|gear|skag|stash|baggies|bag of", 40),
        near(r"lines?", r"coke|cocaine|blow|meth|speed|crystal|powder|adderall|"
             r"oxy|percs?|mirror|straw|bill|snort\w*|cut(?:ting)? up|rail\w*|"
             r"nose|card|credit card|key|bump", 25),
        near(r"cut(?:ting)?|did|doing|do|snort\w*|rail(?:ed|ing)?", r"lines", 10),
        near(r"foil", r"smok\w*|chas\w*|dragon|burn\w*|lighter|torch|tooter|straw|pills?|"
             r"blues|fent\w*|dope|heroin|tar|m30s?|percs?", 25),
        near(r"straws?", r"snort\w*|sniff\w*|lines?|coke|powder|pills|crush\w*|foil|"
             r"tooter|blow|nose|rail|mirror|cut in half|razor|card", 30),
        near(r"mirrors?", r"lines?|straws?|razor blade|snort\w*|credit card|coke|powder|rolled", 30),
        near(r"miss(?:ed|ing)? (?:a |my |the )?shot", r"arms?|vein\w*|swell\w*|swollen|abscess\w*|"
             r"lump|hand|neck|foot|skin|infect\w*|booted", 30),
        near(r"grinders?", r"weed|bud|herb|kush|papers|bowl|joint|blunt|dealer|stash|flower", 30),
        near(r"cookers?", r"points|needles?|rigs?|syringes?|cottons?|works|ssp|exchange|sterile|kits?|"
             r"tourniquets?", 30),
        near(r"pipes?|stems?|bowls?|torch(?:es)?|bubbles?", r"crack|meth|crystal|ice|glass|hit\w*|"
             r"smok\w*|weed|rock|rocks|torch|lighter|clouds?|pack\w*|loaded", 20),
        near(r"spoons?", r"cook\w*|shoot\w*|heroin|dope|fent|lighter|cotton|needle|rig|"
             r"burnt|burned|shot", 25),
        near(r"crush(?:ed|ing)?", r"pills|percs?|oxys?|blues|adderall|subs|snort\w*|line", 15),
        after(r"smok\w*|snort\w*|inject\w*|shoot\w*|sniff\w*", r"(?:crushed |some )?(?:pills|percs?|oxys?|blues|adderall|subs)", 10),
    ),
    exclude=(
        r"needles? in (?:a|the) haystack|(?:knitting|sewing|crochet|pine|acupuncture|"
        r"record|compass|cactus|fir|spruce) needles?|needle ?point|thread(?:ing)? (?:a|the) needle|"
        r"pins and needles|on pins|space needle|move the needle|moving the needle|"
        r"needle (?:and thread|felting|nose)|needle-?nose|(?:afraid|scared|terrified) of needles|"
        r"(?:oil|drilling|drill|test|gaming|camera|lighting|big|semi|fishing|drum|stage|sound|audio|climbing) rigs?|rigg(?:ed|ing)|"
        r"(?:crane|truck\w*|semi|trailer|drill\w*|offshore|gaming|pc|camera|fishing|forklift|excavator|\d+[- ]?tons?)\b"
        r"[^.!?;\n]{0,40}?\brigs?|rigs?\b[^.!?;\n]{0,40}?\b(?:crane|truck\w*|semi|trailer|drill\w*|offshore|forklift|"
        r"excavator|\d+[- ]?tons?)|"
        r"(?:it|that|this|which|what|thing|trick|nothing|something|everything) works|works (?:every|each) time|"
        r"works (?:great|well|fine|wonders|like a charm|for me|perfectly|better|best|too)|"
        r"lines? (?:in|of) (?:a|the|my|his|her) (?:play|script|song|poem|movie|show)|"
        r"(?:learn|memori[sz]e|read|rehears\w*|forgot|said) (?:my |our |the |his |her )?lines|"
        r"lines (?:at|in) (?:the|a) (?:store|bank|dmv|grocery|airport|queue)|"
        r"(?:phone|fine|punch|bottom|dotted|party|picket|pick[- ]?up|front|power|tan|"
        r"hard|time|story|subject|straight|finish|fishing|clothes|chorus|opening|battle|"
        r"laugh|fault|smile|worry|frown|face|grid|blank|wrinkle|waist) lines?|"
        r"(?:kitchen|aluminum|aluminium|tin) foil (?:on|over|to|for|pan|tray|wrapped)|"
        r"(?:wrap|cover|covered|wrapped|lined) (?:it |the \w+ )?(?:in|with) (?:kitchen |tin |aluminum |aluminium )?foil|"
        r"foil (?:balloon|pan|tray|wrap|packet|hat)|(?:burst|leaky|leaking|frozen|broken|water|"
        r"drain|exhaust|sewer|gas|copper|bag|pvc|tail|stove) pipes?|pipe (?:dream|burst|organ|"
        r"cleaner|wrench|line|band|up|down)|pipeline\w*|pipes (?:burst|froze|leak\w*)|"
        r"spoon theory|spoonies?|spoonful|spoon[- ]?fed|silver spoon|wooden spoon|"
        r"spoons? (?:left|of sugar|of honey)|out of spoons|(?:soup|tea|table) ?spoons?|"
        r"(?:paper|plastic|reusable|metal|drinking) straws?|last straw|straw (?:man|poll|hat|"
        r"that broke|berry|berries)|strawberr\w*|draw the short straw|short straw|"
        r"shoot (?:me|us|him|her|them) (?:a|an|the)|shot (?:a|the|some) (?:video|photo|film|"
        r"movie|scene|picture|pic|hoop|hoops|basket|ball|goal)|"
        r"(?:eye|stem|tree|brain) stems?|stem cells?|stems from|stemmed from|stemming from|"
        r"(?:cereal|salad|soup|rice|mixing|fruit|sugar|poke) bowls?|bowl(?:ing|ed|er)|super bowl|"
        r"(?:flu|covid|vaccine|allergy|b12|booster|insulin|tetanus) (?:shots?|injections?)|"
        r"inject(?:ed|ing|s)? (?:humor|humour|some|life|energy|money|cash|insulin|"
        r"my insulin|ozempic|testosterone|vitamin)",
    ),
)

SELF_HARM = Lexicon(
    terms=(
        r"self[- ]?harm\w*|s(?:el|le)f[- ]?harm\w*|self[- ]?harn\w*|sefl[- ]?harm\w*|"
        r"(?:a|was|am|former|ex|recovering|been a) cutter|"
        r"(?:urges?|want|wanted|wanting|need|needed) to sh\b|"
        r"(?:threw|throw\w*|got rid of|gave|give|giving|hid|hide|hiding|bought|keep|kept|stash\w*|found) "
        r"(?:away |out |up )?(?:my|the|all my|all the|new|a pack of) (?:blades?|razors?)|"
        r"punch\w* (?:the )?walls? (?:until|till|to feel|when i)|until (?:my|it|i) (?:knuckles? )?(?:bled|bleed|bleeds)|"
        r"(?:hit|hitting|punch\w*|bang\w*|slam\w*) my head (?:against|on|into) (?:the |a )?"
        r"(?:walls?|floor|desk|mirror|steering wheel)|"
        r"(?:cutting|self[- ]?harm|sh|burn) scars?|scars? from (?:cutting|self[- ]?harm\w*|sh\b|burning)|"
        r"(?:my|her|his|their) cutting(?! (?:board|edge|tool|room|class|skills?|hair|back|remarks?|"
        r"the|of|it|down|out|costs?|corners))|"
        r"pick(?:ed|ing)? (?:at )?my (?:wounds|scabs|cuts|scars|skin) (?:until|till|so|open|raw)|"
        r"(?:re-?open\w*|tear\w* open|rip\w* open) my (?:wounds|cuts|scabs|scars)|"
        r"(?:wounds|cuts|scabs) (?:would|'?d|could) never heal|"
        r"(?:marks|scars|cuts|burns) on my (?:arms?|wrists?|thighs?|legs?|stomach|hips?)|from cutting(?= ?[.,!?]|$)|self[- ]?injur\w*|self[- ]?mutilat\w*|nssi|self[- ]?inflicted|"
        r"self[- ]?destructive (?:cutting|burning)|cutters?(?= club| scars)|"
        r"sh (?:urges?|scars?|relapse|free|clean|streak|wounds?|tools?|kit|again|recovery)|"
        r"(?:relaps\w*|clean|urges?|free) (?:from |on |with )?sh\b|"
        r"(?:cut|cuts|cutting|burn|burned|burnt|burning|hit|hitting|punch\w*|scratch\w*|"
        r"carv\w*|slash\w*|slic\w*|bang\w*|starv\w*|bruis\w*|hurt\w*|harm\w*|injur\w*|"
        r"pick\w*|bit|bite|biting|stab\w*) (?:myself|themselves|himself|herself|yourself)"
        r"(?! (?:off|out|up|a break|some slack|short))|"
        r"(?:cut|cuts|cutting|cutted|burn\w*|scratch\w*|carv\w*|slash\w*|slic\w*) "
        r"(?:on |into )?(?:my|his|her|their) (?:arms?|wrists?|thighs?|legs?|skin|stomach|hips?|"
        r"forearms?|body)|(?:urges?|urge) to (?:cut|burn|hurt myself|hurt me|harm|scratch)|"
        r"(?:fresh|new|deep|old|healing|faded|visible) (?:cuts|scars|wounds|burns)(?! (?:to|in) (?:the )?budget)|"
        r"(?:my|his|her|hide|hiding|cover\w*|show\w*) (?:the |my |his |her )?(?:scars|cuts)|"
        r"razor ?blades?(?! (?:for|to) shav)|(?:hid|hide|hiding|hidden|stash\w*|took out|pulled out|"
        r"got out|bought) (?:the |a |my |new )?(?:blades?|razors?|sharpener)|"
        r"blades? (?:out of|from) (?:a |my |the )?(?:sharpener|razor|pencil)|"
        r"(?:wanted|want|wanting|needed|need|urge) to cut|"
        r"(?:days?|weeks?|months?|years?) (?:clean|free) (?:from|of) (?:cutting|self[- ]?harm|sh\b|burning)|"
        r"(?:relaps\w*|went back|started|stopped|quit|quitting|stop|resist\w*) (?:on |to |with )?"
        r"(?:cutting|self[- ]?harm\w*|burning myself)|cutting again|cut again|long sleeves to hide",
        near(r"cut\w*|carv\w*|burn\w*|scratch\w*|slic\w*", r"(?:into|in|on|across) my "
             r"(?:arms?|wrists?|thighs?|legs?|skin|forearms?|stomach|hips?)", 30),
        r"snap(?:ping)? (?:a |the )?(?:rubber )?bands? (?:on|against) my wrists?",
        # Scars and wounds described by look and place, not by the act.
        r"(?:healed|healing|white|silver|pink|raised|keloid|self[- ]inflicted|old|faded|fresh) (?:\w+ )?(?:cuts|scars|slashes)"
        r"(?! (?:to|in) (?:the )?budget| of\b)|"
        r"(?:cuts|scars|marks|lines|burns|slashes|stripes) (?:up|on|along|across|down|all over) (?:my|your|his|her|their|both) "
        r"(?:arms?|forearms?|wrists?|thighs?|legs?|stomach|hips?|ankles?)|"
        r"barcode (?:arms?|wrists?|thighs?|scars)|(?:arms?|wrists?|thighs?) (?:look|looked|looks) like a barcode|"
        r"(?:cut|cuts|went|gone|deep)\w* (?:\w+ )?(?:to|down to|into) (?:the )?(?:beans|styro\w*|fat layer)\b|styro ?(?:cuts?|deep|level)|"
        # Tools: blades taken from sharpeners and razors, picked up again or handed over.
        r"(?:pencil )?sharpener blades?|"
        r"(?:took|take|taking|pop\w*|broke|break\w*|pry\w*|pried|got) (?:apart|open) (?:a |my |the )?(?:pencil sharpener|sharpener|"
        r"razor|disposable razor|shaving razor)|(?:took|take|taking|pop\w*|pry\w*|pried|got) (?:the )?blades? out|"
        r"(?:picked|pick|picking) up (?:a |the |my )?(?:razor|blade|blades|knife|compass|scissors)(?: \w+)? again|"
        r"(?:back to|went back to|reached for|reaching for) (?:the |my )?blades?\b|"
        r"(?:hand(?:ed|ing)? over|gave (?:up|away)|lock(?:ed)? (?:up|away)) (?:all )?(?:my |the )?(?:blades|razors)|"
        # Burning oneself.
        r"(?:put|stubbed|stub) (?:a |my |the )?cigarettes? out on (?:my )?(?:arm|hand|skin|wrist|leg|thigh)|"
        r"cigarette burns (?:on|up) my|eraser burns?|"
        r"(?:lighter|hot (?:knife|metal|spoon|iron|key|coin)) (?:to|against|on) my (?:skin|arm|wrist|leg|thigh|hand)|"
        # Staying clean, urges, hiding it.
        r"(?:clean|free|sober|abstinent|recover(?:ed|ing)) (?:from|of) (?:cutting|self[- ]?harm\w*|sh\b|burning myself|"
        r"scratching myself|hurting myself|harming myself)|since (?:i|my) last (?:cut|self[- ]?harm|sh\b|burn)\b|"
        r"(?:haven'?t|have not|hadn'?t|didn'?t) (?:cut|burned|burnt|harmed|hurt|scratched) myself (?:in|for|since|at all)|"
        r"(?:cut|sh|self[- ]?harm)[- ]free|"
        r"(?:urges?|want(?:ed)?|need(?:ed)?|itch(?:ing)?) to (?:bleed|see (?:the )?blood|feel the (?:blade|sting)|punish myself)|"
        r"long sleeves (?:in|during|all|through) (?:summer|july|august|june|the heat|\d+ degrees?|the gym)|"
        r"butterfly project|self[- ]injury awareness",
        near(r"(?:hide|hiding|hid|hidden|cover(?:ed|ing|s)?|conceal\w*) (?:up )?(?:the |my |both )?(?:wrists?|arms?|scars|cuts|marks|thighs?)",
             r"bracelets?|bracelet stack|wristbands?|sweatbands?|band-?aids?|bandages?|long sleeves|sleeves|hoodies?|"
             r"watch|makeup|concealer", 40),
        near(r"(?:punch\w*|slam\w*|smash\w*|hit\w*|bang\w*) my (?:fists?|knuckles|hands?|head|arms?)",
             r"on purpose|deliberately|intentionally|until (?:it|they|my \w+) (?:bled|bleeds?|swell\w*|"
             r"bruis\w*|broke|crack\w*|split)|to (?:hurt|punish) myself|hate myself", 60),
    ),
    exclude=(
        r"cut(?:ting)? (?:back|down|out|off|ties|corners|loose|it out|in line|class|school|carbs|"
        r"sugar|caffeine|coffee|hair|grass|the grass|my hair|his hair|her hair|costs?|"
        r"expenses|my losses|lines)|paper ?cuts?|hair ?cuts?|budget cuts|tax cuts|"
        r"(?:burn|burned|burnt) (?:the|my) (?:pancakes|toast|dinner|food|rice|bridges?|candle|"
        r"tongue on)|harm reduction|self[- ]care|self[- ]harmony|"
        r"razors? (?:for|to) shav\w*|shav(?:e|ed|ing) (?:with|my)|"
        r"hurt(?:ing)? myself (?:at|in|during|playing|lifting|working|on the)|"
        r"(?:stretch|tan|sock|bite|pressure|mosquito|bug|birth|pen|marker|tattoo|sunburn|strap|bra|seatbelt|scratch) "
        r"(?:marks|lines|cuts|scars)|(?:surgery|surgical|c-section|appendix|acne|chicken ?pox|knee|skateboard\w*|bike) scars?|"
        r"tan lines|(?:cut|cutting) (?:the )?(?:beans|green beans)|cuts of (?:meat|beef|pork|lamb|steak|chicken)|"
        r"(?:cuts|scars|scrapes) (?:on|from|after) (?:my |his |her |the )?(?:\w+ ){0,2}?(?:knees?|elbows?|chin|forehead|surgery|"
        r"operation|accident|c-section|acne|chicken ?pox|skateboard\w*|bike|fall|crash|dog|cat|cooking|kitchen)\b|"
        r"(?:pick|picked|picking) myself (?:up|back)|pinch(?:ed)? myself|"
        r"(?:cut|burned|burnt|scratched|nicked) myself (?:shaving|cooking|on the|on a|while)|"
        r"(?:safety|straight|electric|disposable) razors?|"
        r"(?:razor ?blades?|razors?)(?=[^.!?;\n]{0,60}\b(?:shav\w*|beards?|stubble|barber\w*|mustache|moustache))",
    ),
)

# Foods and food stores a binge, a compensation or a permission is about.
_FOOD = (
    r"food|cereal|chips|crisps|cookies|biscuits|bread|ice cream|pizza|cake|candy|chocolate|snacks?|sweets|"
    r"donuts|doughnuts|peanut butter|leftovers|pasta|bagels?|crackers|fries|burgers?|cheese|toast|"
    r"muffins?|brownies|cupcakes|granola|cheesecake|noodles|fridge|pantry|cupboards?|kitchen"
)
_MEAL = r"(?:dinner|lunch|breakfast|supper|meals?|food|snacks?|every bite|a bite|what i ate|calories)"

EATING_DISORDER = Lexicon(
    terms=(
        r"eat+ing disorders?|eatt?in'? disorders?|eating dis+or+ders?|eating disroders?|"
        r"i restrict(?:ed)?(?= ?[.,!]|$| (?:again|all|for|through|food|calories|my (?:food|eating|intake|meals)))|"
        r"restricted (?:all|again|for (?:days|weeks|months|years)|through|my (?:food|eating|intake|calories|meals)|food|calories|eating)|"
        r"(?:was|been|started|start|stop|stopped|keep|kept|back to) restricting|"
        r"ana (?:communit\w*|forums?|sites?|groups?|accounts?|blogs?|rules|and mia)|ana ?& ?mia|"
        r"(?:throw|threw|throwing) up after (?:i |we )?(?:eat|ate|eating|meals?|dinner|lunch|breakfast)|"
        r"(?:step\w*|got|get|getting|weigh\w*) (?:on|myself on) (?:the |my )?scales? (?:\w+ )?(?:\w+ )?"
        r"(?:times|again|every|after|before|twice|constantly|obsessive\w*)|"
        r"binged(?! (?:on )?(?:the|a|all|netflix|tv|shows?|season|series|episodes?|that|it|youtube|\w+ (?:season|series)))|"
        r"(?:didn'?t|did not|won'?t|couldn'?t|not) eat(?:ing)? for (?:\d+|two|three|four|five|a few|several) days|disordered eating|anorexi\w*|anorexic\w*|anorexia|anerexia|"
        r"bulimi\w*|bul[ie]mi\w*|binge[- ]eat\w*|bed recovery|arfid|orthorexi\w*|osfed|ednos|"
        r"pro[- ]?ana|pro[- ]?mia|ana (?:coach|buddy|tips|diet|friends?)|thinspo\w*|"
        r"meanspo\w*|bonespo\w*|fitspo\w*|thinspiration|sweetspo|(?:ed|e\.d\.?) (?:voice|brain|thoughts?|"
        r"recovery|behaviou?rs?|relapse|urges?|treatment|therapist|clinic|unit)|"
        r"(?:my|the|her|his|an|active|from) ed\b|ed[- ]free|"
        r"(?:binge|binged|binging|bingeing)(?:d)? (?:and|then|&) (?:purg\w*|restrict\w*|threw up|throw up)|"
        r"binge[- ]?purge|binge(?:d|ing|s)? (?:on|eat\w*) (?:food|a whole|an entire|everything|"
        r"junk|chips|cookies|cereal|bread|sweets|candy|ice cream)|bingeing|binging(?! on (?:netflix|tv|shows?|the))|"
        r"purg(?:e|ed|es|ing)(?= after| again| urges?| every| daily| because|,|\.|$)|"
        r"purg(?:ed|ing) (?:after|my|again|food|dinner|lunch|breakfast|meals?)|"
        r"(?:made|make|making) myself (?:throw up|sick|vomit|puke)|"
        r"(?:throw|threw|throwing) up (?:after|my) (?:eating|meals?|dinner|lunch|breakfast|food)|"
        r"fingers? down (?:my|the) throat|laxatives?|laxitives?|diuretics? to|diet pills|"
        r"dulcolax|ex-?lax|senokot|bisacodyl|water pills to|"
        r"(?:first|another|last|secret|late-night|huge|massive) binge(?! ?-?(?:watch\w*|drink\w*|on (?:netflix|tv|shows?|"
        r"the|youtube|booze|alcohol|coke|meth)|of (?!(?:food|eating|junk|sweets|candy|chips|cookies)\b)\w+|"
        r"session|at the casino))|"
        r"(?:threw|throw(?:ing)?|puk(?:e|ed|ing)|vomit(?:ed|ing)?)(?: up)?\b[^.!?;\n]{0,40}?\bso "
        r"(?:nobody|no one|they|he|she) (?:would|could|wouldn'?t|couldn'?t) (?:hear|know|notice|see)|"
        r"(?:(?:have|had|has|need|needed|got) to|so i (?:could|can|would)|until i|didn'?t|don'?t|haven'?t|never) "
        r"['\"]?earn(?:ed)?['\"]? (?:my |the |a )?(?:dinner|lunch|breakfast|food|meals?|supper|snacks?|every bite)|"
        r"skip(?:ped|ping)? (?:breakfast|lunch|dinner)(?: and (?:breakfast|lunch|dinner))? "
        r"(?:on purpose|to ['\"]?(?:lose|make up|compensate|earn|save)|so (?:i|that))|"
        r"(?:work|burn|working|burning) off every (?:bite|calorie|meal|crumb)|"
        r"(?:until|till|when) the scale (?:says|shows|reads|hits|drops|is)|number on the scale|"
        r"the scale (?:controls|decides|ruins|dictates)|"
        r"restrict(?:ed|ing)? (?:my (?:food|eating|intake|calories|meals)|again|food|calories|eating|intake|to \d+)|"
        r"restricting(?! (?:access|screen|my (?!food|eating|intake|calories|meals)\w+|the|their|his|her|your|our))|"
        r"(?:under|only|barely|less than) \d+ (?:cal|calories|kcal)|\d+ calories a day|"
        r"calorie (?:counting|restrict\w*|deficit obsess\w*)|count(?:ing|ed)? (?:every |each |all the |my |single |last )*calor(?:ie|ies)|"
        r"starv(?:e|ed|ing) myself|starvation diet|skip(?:ped|ping)? (?:all |every )?meals|"
        r"(?:ug|g)w\b|(?:goal|ultimate goal|lowest|highest) weights?|"
        r"weigh(?:ed|ing)? myself (?:again|\w+ times|every|after|before|constantly|obsessive\w*)|"
        r"body[- ]?check\w*|chew(?:ed|ing)? and spit\w*|meal plans? (?:from|with) (?:my )?(?:dietitian|"
        r"treatment|team)|fear foods?|refeeding|refeed\w*|tube[- ]fed|feeding tube|"
        r"(?:purge|binge) urges?|compensat\w* (?:for|by) (?:eating|the binge|a meal)",
        # Binge eating told through the food, not the word "eating".
        near(r"binge(?:d|s)?|binging|bingeing|binge[- ]ate", rf"{_FOOD}|(?:box|bag|tub|sleeve|loaf|jar|pint|carton|"
             r"family[- ]size\w*) of(?! (?:wine|beer|booze|coke|weed|pills|blow|edibles|gummies))|ate until|in one sitting|"
             r"in secret", 40),
        r"(?:ate|eating|eat) (?:until|till) (?:i was |i'?m |i felt |it )?(?:sick|numb|in pain|hurt|i couldn'?t (?:breathe|move))|"
        r"secret eating|(?:ate|eating|eat) in secret|(?:hid|hide|hiding|hoard\w*) (?:food|wrappers|snacks)(?! from the (?:dog|cat|kids))|"
        # Compensating: exercise, fasting or purging to undo food.
        rf"burn(?:ed|ing|t)? off (?:one |a |the |that |every |my |those |two |\d+ )?(?:\w+ ){{0,3}}?(?:{_FOOD}|{_MEAL})\b|"
        r"compensatory (?:exercise|behaviou?rs?|purging|restrict\w*|fasting)|exercise bulimia|"
        r"(?:over|compulsive(?:ly)?|excessive(?:ly)?) ?exercis\w*|"
        rf"(?:fast(?:ed|ing)?|exercis\w*|work(?:ed|ing)? out|run|ran|running) (?:\w+ ){{0,3}}?to (?:make up for|undo|compensate for|"
        rf"cancel out|earn) (?:the |my |that |what i ate|every )?(?:\w+ )?(?:{_FOOD}|{_MEAL}|binge|eating)\b|"
        r"(?:zero|0|no)[- ]cal(?:orie)? days?|"
        # Restricting by substitution, suppressing appetite, fear of eating.
        r"(?:gum|water|coffee|black coffee|tea|diet \w+|ice chips|cigarettes|smoking|vaping)\b[^.!?;\n]{0,40}?\b"
        r"so (?:that )?i (?:don'?t|didn'?t|wouldn'?t|won'?t|can'?t) (?:have to |need to )?eat\b"
        r"(?! (?:alone|out|there|with|at|in front))|"
        r"to (?:keep (?:me |myself )?from|stop (?:me |myself )?from|not have to|get out of) eat(?:ing)?\b"
        r"(?! (?:out|alone|junk|fast food|there|with|at|sugar|meat|late))|"
        r"to (?:suppress|kill|curb|numb|shut off|dull|blunt|quiet) (?:my |the )?(?:appetite|hunger)|appetite suppress\w*|"
        r"(?:terrified|scared|afraid|frightened) (?:of|to) (?:eat(?:ing)?|food|gain\w* weight|weight gain|getting fat|calories)"
        r"(?= ?[.,!?]|$| (?:again|anything|at all|in front|because|and|or|but|so|after|more|since))|"
        r"(?:don'?t|didn'?t|do not) deserve (?:to eat|food|dinner|lunch|breakfast|a meal)|"
        r"(?:haven'?t|hasn'?t|hadn'?t) eaten (?:anything )?(?:in|for) (?:\d+|two|three|four|five|a few|several) days|"
        r"(?:earn|earned|earning) (?:the right to eat|my (?:food|meals?))|"
        r"to ['\"]?earn(?:ed)?['\"]? (?:my |the |a )?(?:dinner|lunch|breakfast|food|meals?|supper|snacks?|every bite)"
        r"(?! money| out| reservations?)|"
        # Hiding it: lying about eating, clothes falling off, purging after meals.
        r"(?:keep|kept|keeps) (?:saying|telling (?:everyone|people|them|my \w+)) (?:that )?i'?m not hungry|"
        r"lie\w* about (?:eating|what i ate|food|being hungry|having eaten)|"
        r"pretend(?:ed|ing)? (?:to eat|i ate|i'?d eaten|i wasn'?t hungry|to be full)|"
        r"(?:hid|hide|hiding) (?:food|my food|my dinner|my lunch|meals?) (?:in|under)|"
        r"push(?:ed|ing)? (?:my )?food around (?:my|the) plate",
        near(r"(?:jeans|pants|trousers|clothes|skirt|dress|shorts) (?:\w+ )?(?:falling|hanging|slipping) off",
             r"hungry|eat\w*|ate|food|meals?|restrict\w*|skipp\w*|a/n|ana|ed", 60),
        near(r"(?:right|straight|immediately|always|every time|as soon as i finish\w*) after (?:every |each )?"
             r"(?:dinner|lunch|breakfast|meals?|eating|i ate|we ate)|after (?:every|each) meal",
             r"(?:ran|run|running|turn\w* on) the (?:fan|shower|tap|water|faucet)|"
             r"(?:nobody|no one|anyone|they) (?:could|would)(?:n'?t)? hear|get(?:ting)? rid of", 60),
        near(r"after (?:every|each) (?:meal|dinner|lunch|time i ate)", r"bathroom|toilet|restroom|loo", 40),
        r"get(?:ting)? rid of (?:what i ate|everything i ate|the food|the meal|my (?:dinner|lunch|breakfast))|"
        r"ipecac|diabulimi\w*|skinny teas?|flat tummy teas?|"
        # The anorexia shorthand, body checking, numbers.
        r"a/n (?:relapse|recovery|brain|voice|thoughts|behaviou?rs?|again|diagnosis|treatment|is back)|b/p|binge/purge|"
        r"pinch(?:ed|ing)? (?:the |my )?(?:skin|fat|rolls?) (?:on|of|around) (?:my )?(?:stomach|belly|thighs?|arms?|hips?|"
        r"waist|sides|back|face|tummy)|thigh gap|wrist (?:check|test)s?|"
        r"(?:check|checking|checked|count(?:ing|ed)?|feel(?:ing)?|touch(?:ing|ed)?) (?:for |that )?my (?:ribs|collarbones?|"
        r"hip ?bones?|spine)|(?:wrap\w*|circl\w*) my (?:fingers|hand) (?:around|round) my (?:wrist|upper arm|arm|thigh)|"
        r"measur(?:e|ed|ing) my (?:waist|thighs?|arms?|wrists?|hips|stomach) (?:\w+ )?(?:every|each|again|constantly|\d+ times)|"
        r"(?:before|until) i (?:let|allow) myself (?:to )?(?:eat|have (?:a |any )?(?:food|meal|snack|breakfast|lunch|dinner)|"
        r"get dressed)|"
        r"(?:log|logging|logged|track|tracking|tracked|weigh|weighing|weighed) every (?:single )?(?:calorie|bite|gram|crumb|"
        r"morsel|thing i eat)|obsess\w* (?:over|about|with) (?:calories|macros|my weight|the scale|every bite|what i eat)|"
        r"bmi (?:of |is |was |hit |dropped to |at |under |below )(?:1[0-7])\b|"
        r"(?:threw|throw|throwing|got rid of|hid|smash\w*|broke) (?:out |away )?(?:my|the|our) (?:bathroom )?scales?|"
        r"blind weigh\w*|"
        # Recovery: meal plans, weight restoration, supplements, safe foods.
        r"weight[- ]restor\w*|restor(?:e|ed|ing) (?:my )?weight|"
        r"(?:residential|inpatient|php|iop) (?:for|at) (?:my |an? )?(?:ed|eating|anorexia|bulimia)|"
        r"(?:ensure|boost) (?:plus|shakes?) (?:for|to|instead|because|on my meal)|exposure (?:meals?|snacks?)|"
        r"challenge foods?|(?:my|only|eat\w*|ate|list of|stick(?:ing)? to) safe foods?",
        near(r"meal ?plans?", r"dietitian|treatment|team|recovery|fight\w*|ensure|boost|supplement\w*|snacks? a day|"
             r"exchanges|challenge|weight|restor\w*|refeed\w*|ed|voice|compliance|complete\w*|finish\w*|"
             r"follow(?:ing)? it|struggl\w*|scared|terrified|guilt\w*", 40),
        near(r"compensat(?:e|ed|es|ing|ion)", r"ate|eat\w*|food|binge\w*|meals?|calories|purg\w*|restrict\w*|"
             r"burn(?:ed|ing)? off", 40),
    ),
    exclude=(
        r"binge[- ]?watch\w*|binging (?:on )?(?:netflix|tv|shows?|the show|the series|episodes?|youtube)|"
        r"(?:binge(?:d|s)?|binging|bingeing) (?:on )?(?:(?:the|a|an|all|whole|entire|every|new|last|\w+'s) ){0,3}"
        r"(?:\w+ )?(?:seasons?|series|shows?|episodes?|netflix|tv|youtube|podcasts?|anime|movies|films|box ?sets?)\b|"
        r"binge drink\w*|fast food|purg(?:e|ed|ing) (?:my|the|a|our|his|her) (?:closet|"
        r"inbox|files?|cache|garage|wardrobe|drawers?|old|stuff|emails?|junk|house|room)|"
        r"purge (?:movie|film)|the purge|starving(?:,| for lunch| for dinner| what| when| lol)|"
        r"i'?m starving|so starving|starving student|diet (?:soda|coke|pepsi|sprite)|"
        r"(?:aunt|sister|cousin|friend|named|and|with) ana\b|ana (?:and|said|called|told|is|was)|"
        r"\bed sheeran|\bed (?:said|told|from|is|was|and)|(?:uncle|brother|dad|friend) ed\b|"
        r"erectile|ed meds|ed pills",
    ),
)

OVERDOSE = Lexicon(
    terms=(
        r"over ?dos(?:e|ed|es|ing)|overdoes|overdosing|od(?:'?d|'?ed|'?s|ed|ing|'?ing)?|"
        r"o\.d\.?'?d?|fatal (?:dose|doses|od)|accidental (?:poisoning|overdose)|"
        r"narcan(?:ned|'?d)?|naloxone|nalaxone|nalox[oa]ne|kloxxado|zimhi|"
        r"(?:hit|revived|brought|bring|reversed|saved) (?:him|her|them|me|my \w+) (?:with|back with) narcan|"
        r"fell out (?:in|on|at|after|from)|nodded (?:out )?and never woke|"
        r"(?:lost|losing|buried) (?:my|his|her|their|a|our|two|three|so many|too many|\w+)(?: \w+)? (?:friends? |"
        r"of \w+ )?to (?:fentanyl|fent|heroin|dope|an? (?:overdose|od)|overdoses|drugs|opioids|pills|meth|"
        r"cocaine|alcohol\w*|drinking|booze|addiction|the disease|this disease)|"
        r"(?:died|dying|dead|death|deaths|killed|passed away|funerals?|rip|"
        r"memorial|obituary|coroner|autopsy|toxicology)\b[^.!?;\n]{0,60}?\b(?:fentanyl|fent|heroin|"
        r"overdos\w*|od|narcan|naloxone|xylazine|tranq|laced|pressed pills?|needles?|syringes?)\b|"
        r"(?:died|dying|dead|death|deaths|killed|passed away|funerals?)(?: was| were)? (?:of|from|after|because of|"
        r"due to|with|by|in a|on|while)\b[^.!?;\n]{0,25}?\b(?:dope|drugs?|opioids?|opiates?|pills|meth|"
        r"cocaine|coke|crack|alcohol\w*|drinking|drank|drunk|booze|liver failure|cirrhosis|addiction|"
        r"substances?|drunk driv\w*)\b|"
        r"(?:fentanyl|fent|heroin|dope|overdos\w*|drugs?|opioids?|opiates?|pills|meth|cocaine|"
        r"alcohol\w*|drinking|booze|addiction|drug use|xylazine|cirrhosis|liver failure|oxy\w*|percs?|percocets?|"
        r"xanax|benzos?|lean|speedball\w*|molly|mdma|ecstasy|ketamine|ghb|methadone|a bad batch|a hot shot)"
        r"\b[^.!?;\n]{0,30}?\b(?:is how (?:he|she|they|my \w+) died|killed (?:him|her|them|my (?!marriage|career|liver|life))|took (?:him|her|them)|claimed (?:him|her|the life|his life|her life)|deaths?|"
        r"death toll|funerals?|died|took the life)|"
        r"(?:drank|drink\w*|drugg?\w*|us(?:ed|ing)) (?:himself|herself|themselves|myself|yourself) "
        r"(?:to death|into (?:an early |the |his |her )?grave)|"
        r"drink(?:ing)? (?:himself|herself|themselves|myself) to death|"
        r"(?:drug|alcohol|overdose|opioid|substance)[- ]related deaths?|"
        r"overdose awareness|poison(?:ed|ing) by (?:fentanyl|drugs)|over-?amp(?:ed|ing|s)?|"
        r"(?:alcohol|fentanyl|fent|drug|opioid|heroin|carfentanil|xylazine) poisonings?|"
        r"(?:alcohol|fentanyl|fent|drug|opioid|heroin|booze|drinking|vodka|whiske?y|rum|gin|meth|pills)"
        r"\b[^.!?;\n]{0,20}?\b(?:put|sent|drove) (?:him|her|them|my \w+(?: \w+)?) "
        r"(?:in|into|to) (?:the|an early|his|her|their) (?:ground|grave)|wasn'?t breathing after|"
        r"stopped breathing (?:after|from|on)|blue lips|"
        r"found (?:him|her|them|my \w+|\w+) (?:blue|unresponsive|not breathing|cold and blue|slumped|gray|grey)|"
        r"(?:lips|face|skin) (?:was |were |went |turning |turned )?blue|turned blue|"
        r"unresponsive (?:after|from) (?:he|she|they|i|using|shooting|taking)|"
        r"(?:unresponsive|wouldn'?t wake up|not breathing)\b[^.!?;\n]{0,25}?\b(?:used|using|shot up|snort\w*|pills|dope|fent\w*)|"
        # Too much of something, and rescues told without the word.
        r"(?:took|taking|swallowed|popped|did|had|used|smoked|snorted|shot) (?:way |far )?too (?:many|much) "
        r"(?:of (?:his|her|my|their|the) )?(?:bars|pills|xanax|percs?|oxys?|blues|tabs|benzos|fent\w*|heroin|dope|"
        r"coke|meth|molly|ghb|ketamine|lean|methadone|\w+ pills)|"
        r"(?:brought|bring|bringing) (?:me|him|her|them) back with (?:cpr|narcan|naloxone|rescue breath\w*|chest compressions)|"
        r"stomach (?:was |got )?pumped|pump(?:ed|ing)? (?:my|his|her|their) stomachs?|"
        r"(?:died|dead|death|passed away|funerals?|killed)\b[^.!?;\n]{0,40}?\b(?:oxy\w*|percs?|percocets?|xanax|benzos|"
        r"lean|speedball\w*|molly|mdma|ecstasy|ketamine|ghb|methadone|a bad batch|a hot shot)\b",
    ),
    exclude=(
        r"over ?dos\w* on (?:\w+ )?(?:chocolate|sugar|candy|caffeine|coffee|netflix|tv|cute\w*|memes|"
        r"snacks|chips|junk food|popcorn|donuts|ice cream|pie|podcasts|true crime|anime|youtube|tiktok|"
        r"video games|gaming|hallmark movies|movies|music|books|gossip|fun|"
        r"cheese|pizza|sweets|cookies|cake|carbs|christmas|love|puppies|cat|dog|sunshine|"
        r"nostalgia|kindness|drama|news|social media|reality tv|dopamine|pumpkin spice)|"
        r"(?:phone|battery|car|laptop|plant|plants|dead) (?:died|is dead|was dead|dead)|"
        r"(?:after|when|since|the day) (?:my |his |her |our |their |the )?\w+(?:'s)? (?:died|passed away|passed|"
        r"death|funeral)(?:,)? i\b|"
        r"found (?:him|her|them|my \w+|\w+) (?:unresponsive|not breathing|slumped)[^.!?;\n]{0,30}?\b(?:crash|accident|fall|"
        r"stroke|heart attack|seizure|surgery|drowning|pool|fire)\b|"
        r"dead ?line\w*|died laughing|dead tired|dead serious|dead end|"
        r"dead (?:battery|phone|tired|inside|serious|wrong|right|last|center|weight|ass|silent)|"
        r"killed it|killing it|to death of|bored to death|scared to death|worried to death|"
        r"\bod (?:on|with) (?:love|sugar|caffeine)|\bodd\b",
    ),
)
