"""Lexicons for the four substance topics: alcohol, opioids, stimulants, cannabis.

Each topic is a ``Lexicon``: regex fragments that mark the topic (``terms``,
wrapped in word boundaries by the compiler) and hard-negative phrases
(``exclude``) that are blanked out of the text before the terms are tried, so
"Diet Coke" never reaches the cocaine rule and "pot of coffee" never reaches
the cannabis rule.  Fragments are written against ``normalize``'s output
(lower case, leet folded, whitespace squeezed).

Ambiguous words ("shot", "bar", "coke", "pot", "joint", "dope", "ice" ...)
appear only inside a context rule built with ``near``; unambiguous words,
brands, street names, inflections and common misspellings are plain terms.
"""

from __future__ import annotations

from dataclasses import dataclass

# Within one clause: no sentence punctuation in between.
_GAP = r"[^.!?;\n]"


def near(left: str, right: str, gap: int = 40) -> str:
    """Fragment matching ``left`` then ``right`` (either order) within one clause."""
    return (
        rf"(?:(?:{left})\b{_GAP}{{0,{gap}}}?\b(?:{right})"
        rf"|(?:{right})\b{_GAP}{{0,{gap}}}?\b(?:{left}))"
    )


def after(left: str, right: str, gap: int = 25) -> str:
    """Fragment matching ``left`` followed by ``right`` within one clause."""
    return rf"(?:(?:{left})\b{_GAP}{{0,{gap}}}?\b(?:{right}))"


# Someone else's prescription: taking, stealing or trading it is misuse.
_OTHER_PERSON = (
    r"(?:friend|roommate|room mate|brother|sister|mom|mum|dad|mother|father|cousin|boyfriend|girlfriend|"
    r"bf|gf|ex|buddy|partner|husband|wife|son|daughter|kid|grandma|grandpa|nan|nana|aunt|uncle|"
    r"coworker|co-worker|classmate|neighbou?r)"
)
_EXPLICIT_OTHERS = (
    rf"(?:someone(?: else)?'?s|somebody(?: else)?'?s|other people'?s|"
    rf"(?:my |a |his |her |their |the )?{_OTHER_PERSON}'?s)"
)
_PARTITIVE = r"(?:(?:half|some|a few|one|a couple|the rest|all|most|two|three|a bunch|a handful) (?:of )?)"


def diverted(meds: str) -> str:
    """Fragment for someone else's ``meds`` being taken, or one's own being taken by someone else."""
    m = rf"(?:\w+ )?(?:{meds})"
    return (
        rf"(?:(?:stole|steal\w*|swip\w*|pinch\w*|borrow\w*|snort\w*|crush\w*|trad\w*|swap\w*|bought|buy\w*|"
        rf"sold|sell\w*|split|shar\w*) {_PARTITIVE}?(?:his|her|their|{_EXPLICIT_OTHERS}) {m}"
        rf"|(?:took|take|takes|taking|used|using|popp\w*|tried) {_PARTITIVE}(?:his|her|their|{_EXPLICIT_OTHERS}) {m}"
        rf"|(?:took|take|takes|taking|used|using|popp\w*|tried) {_EXPLICIT_OTHERS} {m}"
        rf"|(?:he|she|they|someone|somebody|my (?:\w+ )?{_OTHER_PERSON}) (?:took|takes|stole|steals|swiped|"
        rf"borrowed|snorted|crushed|sold|used|was taking) {_PARTITIVE}?my {m})"
    )


@dataclass(frozen=True)
class Lexicon:
    """Regex fragments for one topic (see the module docstring)."""

    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()


# Verbs of taking or getting a drug, shared by the context rules.
USE_VERBS = (
    r"smok\w*|snort\w*|sniff\w*|shoot\w*|shot|inject\w*|did|do|does|doing|done|"
    r"tak(?:e|es|ing)|took|us(?:e|ed|es|ing)|buy\w*|bought|cop(?:s|ped|ping)?|"
    r"scor(?:e|ed|ing)|sell\w*|sold|deal\w*|pop(?:s|ped|ping)?|hit|rail\w*|"
    r"bump\w*|on|addict\w*|habit|relaps\w*|crav\w*|high|got|get|gett?ing"
)

LIQUOR = (
    r"vodkas?|whiske?ys?|tequilas?|rum|gin|bourbons?|scotch(?! tape)|brandy|cognac|"
    r"liquor|moonshine|everclear|schnapps|jager\w*|j[aä]germeister|fireball|"
    r"beers?|wines?|champagne|prosecco|booze|alcohol|cocktails?|margaritas?|"
    r"martinis?|mimosas?|sake|soju|mezcal|absinthe|hennessy|henny|jameson|"
    r"jack daniel'?s?|patron|cuervo|smirnoff|bacardi|malibu|baileys|kahlua|amaretto"
)

ALCOHOL = Lexicon(
    terms=(
        r"alcohol\w*|alc[ao]hol\w*|alchoh?ol\w*|alchol\w*|alkie|alky|alkies|alcy",
        r"booz(?:e|ed|er|ers|es|ing|y)|boozehound",
        r"beers?|brewskis?|brewsk(?:y|ies)|brewery|breweries|brewpub|ipas?|lagers?|pilsners?|"
        r"stouts?(?= and| or|,)|hard ciders?|hard seltzers?|malt liquor|tallboys?|"
        r"forties|40 ?oz|forty ounce\w*|kegs?|keggers?|beer pong|six[- ]?pack of \w+",
        r"wines?|wine o'?clock|winos?|boxed wine|box of wine|franzia|boone'?s|rose all day|"
        r"champagne|prosecco|sangria|mimosas?|mommy juice",
        # Wine by grape or style, and drink emoji.
        r"chardonnays?|merlots?|cabernets?|cab sauv?|sauvignon blanc|pinot (?:grigio|gris|noir)|"
        r"rieslings?|zinfandels?|malbecs?|moscato|shiraz|rose wine|port wine|red wine|white wine",
        r"[\U0001F377\U0001F37A\U0001F37B\U0001F942\U0001F378\U0001F379\U0001F943\U0001F37E]",
        r"pre-?gam(?:ing|ed|ers?)|pre-?drinks|pre-?drinking",
        LIQUOR,
        r"hard liquor|spirits(?= and| or|,)|wine and spirits|liquor stores?|package stores?|"
        r"bottle shops?|off[- ]licen[cs]e|booze aisle",
        r"margaritas?|martinis?|mojitos?|daiquiris?|cosmopolitans?|manhattans? on the rocks|"
        r"negronis?|old fashioneds?|screwdrivers? and|long island iced teas?|"
        r"jell?o shots?|jager ?bombs?|irish car bombs?|on the rocks|nightcaps?|"
        r"happy hours?|bar ?hopping|pub ?crawls?|bar crawls?|open bar|dive bars?|"
        r"sports bars?|barstools?|bartend\w*|barkeep\w*|barflys?|barflies|pubs|tavern|saloon",
        r"budweiser|bud light|coors|miller lite|michelob|heineken|guinness|stella artois|"
        r"modelo|pabst|pbr|natty (?:light|ice|daddy)|keystone light|busch light|"
        r"corona (?:light|extra|and lime)|coronas|blue moon|sam adams|dos equis|"
        r"white claws?|truly seltzers?|twisted teas?|mike'?s hard|four ?lokos?|steel reserve|"
        r"mad dog 20|md 20|jim beam|johnnie walker|crown royal|captain morgan|"
        r"grey goose|absolut|tito'?s|jose cuervo|evan williams|makers mark|wild turkey|"
        r"svedka|new amsterdam|ketel one|mcCormick",
        # Being drunk, hungover, and drinking as an activity.
        r"(?:a|another|some|few|couple(?: of)?) cold ones?|dry january|dry july|sober october|"
        r"drunk(?:en|enly|ard|ards|s)?|drunker|drunkest|tipsy|hung ?over|hangovers?|"
        r"buzzed|sloshed|plastered|hammered|shit-?faced|shitfaced|blackout drunk|"
        r"blacked out drunk|liquored up|tanked up|three sheets|wasted at|got wasted|"
        r"get wasted|getting wasted|so wasted|blind drunk|day drinking|binge drink\w*|"
        r"went on a bender|benders?|on a bender|drink driving|drunk driving|dui|dwi|"
        r"breathalyz\w*|blood alcohol|bac of|aa meetings?|alcoholics anonymous|"
        r"dts|delirium tremens|cirrhosis|fatty liver|drinking (?:problem|buddies|buddy|days|history|habit|again)",
        # The verb: drink/drank/drunk/drinking, unless the object is harmless
        # (those phrases are blanked by ``exclude`` first).
        r"drink(?:s|ing|er|ers)?|drinkin'?|dri?nkin[g']?|drnk\w*|drank|dranks|drankin'?|drunkin|sips? of|first sip|one sip|swig\w*|chug\w*|"
        r"(?:shots?|bottles?|fifths?|handles?|glass(?:es)?|pints?|swigs?|sips?) of (?:jack|jim|jim beam|crown|captain|"
        r"henny|jose|johnnie|cheap \w+|the hard stuff)|"
        r"shots? of (?:" + LIQUOR + r"|something|the hard stuff|liquor)|"
        r"(?:" + LIQUOR + r") shots?|"
        + after(r"did|doing|do|take|taking|took|pound\w*|throw\w* back|knock\w* back|slam\w*",
                r"(?:a few |some |two |three |four |five |\d+ )?shots", 12),
        r"(?:hit|hitting|crawl\w* into|back to|on|off|love of|battle with|fight with|hid|hide|hiding) (?:the|a) bottle|"
        r"bottles? of (?:red|white|cheap \w+|\w+ wine|" + LIQUOR + r")|fifths?(?! grade| place| time| of july)|"
        r"handle of \w+|pints? of (?:beer|ale|lager|stout|guinness|cider)|"
        r"pints|a pint(?! of (?:ice cream|milk|blood|water))|cans of (?:beer|bud|coors|natty|\w+ light)",
        near(r"bars?|pub", r"drank|drinks?|drunk|wasted|hammered|shots?|beers?|bartender|"
             r"every (?:night|friday|weekend|day)|closing time|last call|tab|stool", 40),
        r"(?:at|to|in|from|hit) the bars?(?! exam| of| chart| graph)",
        # Regional words (UK, Ireland, Australia, New England, Spanish) and
        # drinking told by its vessel, its shop or its blackouts.
        r"(?:wee |a |another |one |two |\d+ )drams?\b|drams? of \w+|packies?|bottle-?os?|offies|offy|liquor barn|"
        r"abc stores?|lcbo|dan murphy'?s|on the (?:piss|lash|sauce|turps)|bevvies|bevvy|tinnies|goon (?:bags?|sacks?)|"
        r"cask wine|slabs? of (?:beer|vb|\w+ (?:beer|lager))|stubbies|schooners? of|liquid courage|hair of the dog|"
        r"aperol|limoncello|sambuca|campari|ouzo|raki|grappa|pisco|cacha[cç]a|aguardiente|guaro|vermouth|cava|"
        r"cervezas?|chelas|borrach[oa]s?|emborrach\w*|carling|tooheys|strongbow|buckfast|frosty jack'?s|white lightning|"
        r"special brew|tennent'?s|peroni|tsingtao|tecate|labatt'?s?|kokanee|rolling rock|yuengling|olde english|"
        r"colt 45|milwaukee'?s best|natural light|hip flasks?|"
        r"(?:another|first|last|my|regular|frequent|nightly|weekend|daily|drunken|alcoholic|drinking) blackouts?"
        r"(?! (?:curtains?|blinds|dates?|shades|poetry|tattoo|period|rule))|"
        r"blackouts? (?:from|after) (?:drink\w*|vodka|wine|beer|booze|the bar)|"
        r"blackout (?:at|during|on) (?:my |the |a |his |her |\w+'s )(?:\w+(?:'s)? )?(?:wedding|party|reception|christmas|"
        r"funeral|reunion|birthday|graduation|bachelor\w*|office party|work do)",
        near(r"flasks?", r"pass\w*|swig\w*|sip\w*|pocket|purse|glove ?box|drink\w*|booze|whiske?y|vodka|rum|gin|"
             r"bourbon|brandy|spiked|hid\w*|hiding|stash\w*|refill\w*|jacket|coat|out of his|out of her", 30),
    ),
    exclude=(
        r"root beers?|ginger beers?|butter ?beers?|ginger ale|birch beer|non[- ]?drinker\w*",
        r"(?:drink|drank|drinking|drinks|sip|sips|chug\w*|swig)\s+(?:(?!(?:" + LIQUOR + r"|and|or|then|while|plus|before|after|until|doing|did)\b)\w+ ){0,3}"
        r"(?:glass(?:es)? of |cups? of |bottles? of |mugs? of |can of )?"
        r"(?:water|coffee|tea|milk|juice|soda|pop|smoothies?|protein|shakes?|"
        r"lemonade|kombucha|gatorade|electrolytes?|la ?croix|seltzer|sparkling water|"
        r"hot chocolate|cocoa|broth|latte|espresso|decaf|energy drinks?|red bull|"
        r"monster|coke|pepsi|sprite|dr pepper|mountain dew|diet)\b",
        r"energy drinks?|soft drinks?|sports drinks?|fizzy drinks?|protein drinks?|"
        r"drinking water|drinks? of water|drinking fountain|food and drink|"
        r"drunk on (?:sugar|power|love|happiness|joy|life|caffeine|coffee|success|sleep\w*)|"
        r"punch[- ]drunk|sleep[- ]drunk|love[- ]drunk|"
        r"(?:coke|cocaine|meth|crack|crystal|tina|speed|molly|pill|dope|heroin|fent\w*|gambling|"
        r"casino|shopping|eating|food|netflix|binge) benders?",
        r"bar (?:exam|of soap|of chocolate|chart|graph|none|mitzvah|code)|"
        r"(?:protein|granola|candy|chocolate|snickers|salad|nail|menu|search|tool|task|"
        r"address|side|progress|health|status|grab|pull-?up|monkey|sand|crow|space|"
        r"high|low|higher) bars?|behind bars|raise[sd]? the bar|raising the bar|"
        r"the bar (?:exam|association)|passed the bar|xanax bars?|xanny bars?|bars of",
        r"cold brew|brewing (?:coffee|tea)|home ?brew(?:ed)? (?:coffee|kombucha)|"
        r"whine\w*|wine (?:red|colou?r)|spirit of|team spirit|school spirit|"
        r"in good spirits|holy spirit|spirits (?:were|are|up|lifted|high)|"
        r"shots? of (?:espresso|wheatgrass|ginger|vitamin|b12|insulin|cortisone|covid)",
        r"bottles? of (?:water|milk|juice|shampoo|lotion|pills|soda|kombucha|gatorade)|"
        r"(?:water|baby|milk|feeding) bottles?|hot water bottle|bottle ?neck\w*|"
        r"fifth (?:grade|birthday|anniversary|time|day|year|week|month|step|street)|"
        r"the fifth\b(?! of)|"
        r"(?:hydro|thermos|lab|erlenmeyer|vacuum|coffee|tea|soup|water) flasks?|flasks? of (?:tea|coffee|soup|water|cocoa)|"
        r"bars? (?:and|&|n) (?:lean|percs?|oxys?|xans?|pills|blues|molly|syrup)|"
        r"(?:lean|percs?|oxys?|xans?|pills|blues|molly|syrup) (?:and|&|n) bars",
    ),
)

OPIOIDS = Lexicon(
    terms=(
        r"heroin\w*|herion|heroine (?:addict\w*|use\w*|habit|overdose|withdrawal)|"
        r"hero[ie]n|hereoin|herroin|hea?r+oi?n|heorin|black tar|tar heroin|china white|brown sugar heroin",
        r"fentanyl\w*|fent[ae]n[iy]ll?|fentynal|fentanil|phentanyl|fetty|fent|carfentanil|"
        r"fent[- ]laced|laced with fent\w*|fake (?:percs?|oxys?|blues|pills?)",
        r"opioids?|opiates?|opiods?|opoids?|opiate addict\w*|narcotic pain\w*",
        r"oxycodone|oxycontin|oxycotin|oxycodin|oxys|oxies|oxy|oxy ?3?0s?|roxys?|roxies|"
        r"roxicodone|percocets?|percoset\w*|percs|perc ?30s?|perk ?30s?|perc|perks(?= and| or|,|\.)|"
        r"m ?30s|m-30s?|hydrocodone|hydros|vicodin|vikes|norcos?|lortabs?|dilaudid|"
        r"hydromorphone|opana|oxymorphone|morphine|codeine|tramadol|ultram|demerol|"
        r"tapentadol|nucynta|kratom|loperamide abuse",
        r"lean|purple drank|sizzurp|syrup and sprite|dirty sprite|promethazine with codeine",
        # Regional street names (UK, Australia, Latin America) and newer
        # supply (pressed pills, tranq, nitazenes); "brown", "gear" and a bare
        # "H" only in forms that cannot be a colour, kit or letter.
        r"skag|scag|skagg?head|chiva|hero[ií]na|fentanilo|tranq dope|xylazine|nitazenes?|\w+nitazene|"
        r"pressies|pressed (?:pills|blues|oxys?|percs?|m30s?|30s|bars)|(?:oc|oxy) ?80s?|co-?codamol|dihydrocodeine|"
        r"df ?118s?|oxynorms?|endone|panadeine forte|"
        r"(?:bags?|baggies|grams?|points?|bits?|tenners?|ten bags?|twenty bags?|bundles?|stamps?|caps?|balloons?|"
        r"score|\$\d+|£\d+) of (?:brown|gear|h|boy|chiva|skag)\b(?! ?&| (?:sugar|rice|bread|paper|eggs?|gravy|sauce|ale|"
        r"beer|leaves|paint|shoes?|hair|dye|thread|envelopes?|bags?|lunch|butter|bears?|trout|recluse|belt|mustard))|"
        r"(?:on|off|kick\w*|clean from|sober from|hooked on|addicted to|smok\w*|chas\w*|score\w*) (?:the )?brown\b"
        r"(?= ?[.,!?]|$| (?:again|since|every|daily|now|til|until|habit|for (?:years|months|a decade|\d+)))(?!'s)|"
        r"(?:on|smok\w*|doing|did|using|used|sell\w*|sold) (?:the )?brown and white"
        r"(?= ?[.,!?]|$| (?:again|since|every|daily|now|habit|for))|"
        r"brown and white (?:habit|every day|daily|for (?:years|months))|(?:on|off|kick\w*|clean from|hooked on|addicted to) the gear\b"
        r"(?! (?:stick|shift|lever|box|wheel))|gear and (?:crack|rock|white|stones)|"
        r"the h (?:was|hit|kicked in|took|had|got|made)(?! (?:for|in)\b)",
        r"smack(?! (?:talk|dab|in the|on the|down|my|your|his|her))|"
        r"dope ?sick|dopesick|dope fiend|dopefiend|junkie sick|smack ?head|smack addict\w*|"
        r"nodding out|nodded out|nod(?:ding)? off on|on the nod|"
        r"(?:miss|missed|missing|chas\w*|crav\w*|lov(?:e|ed)|catch\w*) the nod|"
        r"(?:off|quit|quitting|kick\w*|clean from|sober from|without|addicted to|hooked on|sick off) "
        r"dope(?! (?:song|track|beat|music|video|shoes|outfit|idea|album|show|movie|pic))|"
        r"(?:started|start|hooked|addicted|switched|moved|graduated) (?:with|on|to) h\b(?! ?&)",
        near(r"dope|smack|tar", r"shoot\w*|shot|snort\w*|sniff\w*|inject\w*|cook\w*|"
             r"bag|bags|bundle|bundles|stamp|buy\w*|bought|cop\w*|score\w*|dealer|"
             r"fix|sick|withdraw\w*|habit|addict\w*|heroin|needle|spoon|vein|foil|"
             r"point|points|gram|grams|fiend|spot|using|used|relaps\w*|powder|black|brown|"
             r"bang\w*|crav\w*|hooked|addiction", 25),
        near(r"blues|m30s?|percs?|oxys?", r"pressed|fent\w*|fake|counterfeit|snort\w*|"
             r"smok\w*|crush\w*|popp\w*|foil|blues|everywhere|streets?|laced|this town", 20),
        near(r"pills", r"fent\w*|laced|counterfeit", 20),
        after(r"shoot\w*|shot|snort\w*|sniff\w*|did|doing|do|cop\w*|bought|buy\w*|score\w*|on|off|crav\w*|bang\w*",
              r"(?:some )?h", 4) + r"(?! ?&)",
        near(r"pain ?pills?|pain ?killers?|pain meds?|pain medications?", r"buy\w*|bought|sell\w*|sold|"
             r"crush\w*|snort\w*|addict\w*|hooked|street|extra|abus\w*|misus\w*|high|cop\w*|"
             r"score\w*|doctor shop\w*|stole|steal\w*|off a|someone|dealer|habit|withdraw\w*", 45),
        # Medication-assisted treatment only when diverted or misused.
        near(r"subs|suboxone|subutex|buprenorphine|bupe|strips|methadone|sublocade|vivitrol",
             r"sell\w*|sold|buy\w*|bought|trade\w*|traded|street|shot up|"
             r"(?:inject|shoot)(?:ed|ing)? (?:it|them|my|the|some|subs?|suboxone|bupe|methadone)|snort\w*|crush\w*|divert\w*|abus\w*|misus\w*|get high|got high|"
             r"getting high|high off|high on|extra|double[ds]? up|someone else'?s|black market", 30),
        diverted(r"subs|suboxone|subutex|buprenorphine|bupe|strips|methadone|subbies|pain ?pills|pain ?killers|"
                 r"pain meds|oxys?|percs?|vicodin|norcos?|hydros|tramadol|morphine|dilaudid|codeine"),
    ),
    exclude=(
        r"\bh ?& ?m\b|\bh and m\b|heroines? of|the heroine|a heroine|heroine'?s journey|"
        r"(?:that|this|so|sounds|looks|pretty|super|real|really|how|is|was|it'?s) dope\b|"
        r"dope (?:song|track|beat|music|video|shoes|outfit|idea|album|show|movie|pic)\w*|"
        r"nodd\w* along|nodd\w* (?:my|his|her) head|poppy seeds?|"
        r"blues (?:band|music|song|guitar|singer|festival|bar|brothers|clues)|"
        r"(?:the|baby|monday|winter|holiday|post[- ]\w+) blues|singing the blues|"
        r"smack (?:talk|dab)|smacked|lip ?smack\w*|tar (?:pit|heels?|paper|roof)|tar and feather\w*|oxygen\w*|oxymoron\w*|"
        r"oxford|oxidi\w*|moxy|boxy|proxy|detox\w*|leaner|lean (?:protein|meat|muscle|on|into|in|back|toward|forward|against)|"
        r"leaned|leaning|perks? of|job perks|perk(?:s|ed)? up|perky|percent\w*|"
        r"percussion|perception|hydro ?(?:electric|power|flask|therapy|plant|bill)|hydros?(?:pherous|phobia|gen)",
    ),
)

STIMULANTS = Lexicon(
    terms=(
        r"cocaine|cocain|cocaina|cocane|cokaine|coccaine|kokaine|coke ?head\w*|coked(?: up| out)?|"
        r"coke ?(?:habit|dealer|binge|addict\w*|problem|bender|nose|nail|spoon)|"
        r"yayo|yayyo|yeyo|yay-?o|llello|nose candy|booger sugar|eight ?balls? of|8 ?balls?|8-balls?|"
        r"crack ?cocaine|crack ?heads?|crack ?(?:pipe|rock|house|addict\w*|habit|whore|dealer)s?|"
        r"freebas\w*|speedball\w*|over-?amp(?:ed|ing|s)?|"
        r"(?:off|quit|quitting|kick(?:ed|ing)?|addicted to|hooked on|clean from|sober from|without) (?:the )?blow\b|"
        r"(?:is|was|were|been|he'?s|she'?s|i'?m|they'?re|being|geeked|tweaking|spun|up|high|definitely|"
        r"probably|obviously|clearly|def|prolly|totally|must be) on "
        r"(?:glass|crystal|tina|shards)\b|uppers|upper and downers|uppers and downers",
        r"meth|meths|methamphetamine\w*|metamfetamine|crystal meth|methhead|meth ?heads?|"
        r"meth ?(?:pipe|addict\w*|lab|binge|psychosis|mouth|sores)|tweaker\w*|tweak(?:ing|ed) out|"
        r"shards|go[- ]fast|amphetamines?|amphetamine salts|dexedrine|desoxyn|"
        r"speed ?freak\w*|crank ?(?:addict|bug)\w*|geeker\w*|geeked (?:up|out)",
        r"addys|addies|addy|study drugs?|adderal|aderall|aderal|adderrall",
        # Regional and scene street names for cocaine and meth (UK, Australia,
        # Latin America, chemsex), each in a form that cannot be a plain word.
        r"perico|farlopa|falopa|coca[ií]na|basuco|bazuco|devil'?s dandruff|(?:bolivian )?marching powder|"
        r"(?:on|off) the (?:charlie|gak|ching|chang|bugle|sniff|marching powder|yayo|coke|crystal|tina)\b|"
        r"(?:bags?|baggies|grams?|lines?|bumps?|keys?|points?|wraps?|eight ?balls?|teeners?|quarters?|zips?) of "
        r"(?:charlie|gak|ching|chang|sniff|bugle|perico|yayo|yay|jib|tina|crank|whiz+)\b|"
        r"charlie (?:habit|dealer|addiction|binge|nose|lines?|bags?)|gakk?ed (?:up|out)|"
        r"(?:snort\w*|sniff(?:ed|ing)|hoover\w*|rack(?:ed|ing)? up|chop(?:ped|ping)? up|bump(?:ed|ing)?) (?:some |a bit of |loads of |the )?"
        r"(?:charlie|gak|ching|chang|perico|yay|yayo)\b(?!'s)|"
        r"chem ?sex|party (?:and|n|&) play|(?:smok\w*|slam\w*|pnp|hooked on|addicted to|clean from|sober from|(?:was|been|is|i'?m|he'?s|she'?s|were|being|high|got|get) on) tina\b(?!'s)|"
        r"jib ?heads?|(?:on|smok\w*|sell\w*|sold|buy\w*|bought|cop\w*|hit\w*|doing|did|pipe of) (?:some |the )?jib\b|"
        r"ice (?:addict\w*|users?|heads?|epidemic|scourge|habit|psychosis|pipe|dealer|binge|rage)|"
        r"shabu|yaba|metanfetamina|meth(?:ed|'?d) (?:up|out)|phet|speed ?paste|billy whiz+|dexies|black beauties",
        near(r"tina", r"apps?|grindr|chems?|pnp|party|slam\w*|pipe|tweak\w*|meth|crystal|ghb|hooked|addict\w*|"
             r"scene|sober|clean|binge|high|smok\w*|dealer|came back|relaps\w*", 40),
        near(r"jib|crank", r"pipe|smok\w*|tweak\w*|teener|gram|shards?|high|up for|awake|binge|dealer|cook\w*|addict\w*", 25),
        # The intransitive "tweaking" (on a stimulant), not "tweaking the recipe".
        r"tweaking(?! (?:the|my|a|an|it|some|this|that|his|her|our|your|their|things|stuff|settings|code|recipe|"
        r"script|plan|design|draft|knobs?|dials?|with|around|over|about)\b)",
        # Cocaine in a sobriety count or beside other substances.
        r"(?:days?|weeks?|months?|years?|yrs?|mos?) (?:\w+ )?(?:no|without|off|free from|clean from|clean off|sober from|"
        r"away from) (?:the )?coke\b|(?:no|without|quit|quitting|stopped) coke (?:and|or|,|&) (?:no |quit )?"
        r"(?:booze|drink\w*|alcohol|weed|pills|molly|xanax|mdma|ket\w*)|"
        r"coke (?:and|&|n|or) (?:no )?(?:booze|alcohol|pills|weed|molly|xanax|mdma|ecstasy|ket\w*|benzos|pingers)|"
        r"(?:booze|pills|weed|molly|xanax|mdma|ecstasy|ket\w*|benzos|pingers) (?:and|&|n|or) coke\b",
        diverted(r"adderall|adderal|addys?|addies|ritalin|vyvanse|concerta|focalin|dexedrine|stimulants?|study pills"),
        near(r"coke|blow|snow|yay", r"lines?|rails?|bumps?|snort\w*|sniff\w*|key|grams?|"
             r"eight ?ball|8 ?ball|bag|baggie|dealer|straw|bill|mirror|nose\w*|did|doing|do|"
             r"bought|buy\w*|cop\w*|score\w*|sell\w*|cut|habit|addict\w*|party|binge|"
             r"crack|cocaine|weekend|high|paranoi\w*|comedown|relaps\w*", 25),
        near(r"crack", r"smok\w*|pipe|stem|rock|rocks|hit|hits|addict\w*|cocaine|cook\w*|"
             r"dealer|buy\w*|bought|cop\w*|score\w*|sold|sell\w*|habit|using|used|binge|"
             r"took over|ruined|destroyed|epidemic|era|everywhere|hooked|addiction|life", 15),
        r"smok(?:e|ed|ing) rocks",
        near(r"(?:a|some|the|few|couple|\d+) rocks?", r"smok\w*|pipe|stem|lighter|torch|crack", 20),
        near(r"crystal|ice|glass|tina|shards?|speed|crank", r"smok\w*|pipe|snort\w*|"
             r"shoot\w*|inject\w*|meth|tweak\w*|awake for|up for (?:days|three|four|\d+|a (?:week|month))|"
             r"(?:had|kept|keeps?|keeping) me (?:up|awake|going|wired|geeked)|"
             r"binge|addict\w*|dealer|bought|buy\w*|cop\w*|score\w*|gram|point|"
             r"hits?|psychosis|paranoi\w*|kept me (?:going|awake|up)|stay(?:ing)? (?:awake|up)|"
             r"shifts?|everywhere|epidemic|took over|ruined|destroyed|hooked|addiction", 20),
        near(r"tweak(?:ing|ed)", r"pick\w*|skin|sores|paranoi\w*|up for|days|meth|crystal|"
             r"shadow\w*|scratch\w*", 25),
        r"(?<!the )(?<!a )(?<!that )(?<!big )(?<!low )blow (?:was|is|became|everywhere|"
        r"and (?:booze|pills|weed|molly|xanax|drinks|coke))",
        near(r"adderall|ritalin|vyvanse|concerta|focalin|dexedrine|methylphenidate|adderal",
             r"snort\w*|crush\w*|sell\w*|sold|buy\w*|bought|score\w*|trade\w*|"
             r"abus\w*|misus\w*|stay up|all[- ]nighter|binge|high|not prescribed|"
             r"someone else'?s|friend'?s|roommate'?s|extra|more than prescribed|"
             r"whole bottle|handfuls?|addicted|addiction|triple|doubl\w*|ran out early|early refills?|"
             r"(?:keep|kept|stop) (?:me |myself )?from eating|not (?:to )?eat|appetite|lose weight|weight loss|"
             r"skinny|thin|stop eating|doctor (?:had no idea|doesn'?t know|didn'?t know|has no idea)", 30),
        r"molly|mdma|ecstasy|ecstacy|x pills|bath salts|flakka|khat|mephedrone",
    ),
    exclude=(
        r"diet cokes?|coke zero|coca[- ]?cola|cherry coke|vanilla coke|a coke and|"
        r"(?:rum|jack|whiske?y|vodka|bourbon|crown|captain) (?:and|&|n'?) cokes?|"
        r"cokes? (?:and|with) (?:fries|pizza|a burger|popcorn)|can of coke|glass of coke|"
        r"bottle of coke|cold coke|coke machine|coke float|"
        r"(?:drink\w*|drank|sip\w*|chug\w*|pour\w*|ordered|fizzy|flat|warm|ice[- ]cold) (?:a |some |the |my )?cokes?"
        r"(?! (?:habit|head|dealer|binge|addict\w*|problem|bender|nose))|"
        r"(?:i'?m|you'?re|ur|u r|he'?s|she'?s|they'?re|bro(?: is|'?s)?) (?:lowkey |literally |actually |so |straight |lowkey )?"
        r"tweaking(?= ?(?:[.,!?]|$|lol|lmao|bro|fr|rn|ngl|over))|tina (?:turner|fey)|"
        r"perico (?:bird|parrot|parakeet)|(?:bird|parrot|parakeet|budgie|pet)\b[^.!?;\n]{0,20}?\bperico",
        r"crack(?:ed|ing|s)? (?:a |up |open |down |on |the |my |your )?(?:joke|jokes|smile|window|"
        r"egg|eggs|code|case|book|beer|can|knuckles?|whip|of dawn|up|open|down|a grin|on)|"
        r"crack of dawn|cracked (?:phone|screen|tooth|rib|egg)|wise ?crack\w*|"
        r"crack(?:ing)? the (?:code|case|window|door|books?|whip)|sidewalk cracks?|"
        r"cracks? in (?:the )?(?:wall|ceiling|sidewalk|screen|foundation)",
        r"crystal clear|crystals? (?:healing|ball)|ice (?:on|cream|skat\w*|pack|cube|cubes|"
        r"water|bath|tea|storm|age|breaker|hockey|rink|coffee|cold|box|maker)|iced|icy|"
        r"on the ice|thin ice|black ice|break the ice|speed (?:limit|bump|dating|up|of|run)|"
        r"up to speed|high[- ]speed|full speed|at speed|snow (?:day|storm|shovel|plow|boots|tires)|"
        r"blow (?:off|up|out|dry|dryer|a kiss|bubbles|my mind|your mind|the candles|"
        r"me away|it|away)|blown away|blew (?:off|up|out|away|it|a kiss)|"
        r"snowed in|snowflakes?|glass of|glasses|glass (?:pipes?|stems?|bowls?)|rock (?:concert|music|band|climbing|bottom|star|solid)",
        r"(?:adderall|ritalin|vyvanse|concerta) (?:as|like) (?:prescribed|directed)|"
        r"(?:prescribed|prescription) (?:adderall|ritalin|vyvanse|concerta)",
    ),
)

CANNABIS = Lexicon(
    terms=(
        r"weed|weeds(?= pen| cart| vape| gumm)|wead|weeed|marijuana|marajuana|marijuanna|marihuana|"
        r"mariguana|marijauna|marjiuana|mar[iae]?j[ua]{1,2}n+a|cannabis|canabis|cannibis|thc|delta[- ]?[89]s?|"
        r"cbd|hemp flower|ganja|reefer|mary ?jane|doobies?|doobys?|spliffs?|kush|dank|"
        r"sativas?|indicas?|hybrid strains?|strains? of|pre-?rolls?|hash|hashish|hash oil|"
        r"dabs|dabbing|dabbed|dab pens?|wax pens?|shatter|live resin|rosin|budder|"
        r"edibles?|pot ?brownies?|special brownies|space cakes?|weed gumm\w*|thc gumm\w*|"
        r"gumm(?:y|ies) (?:with|of) thc|carts?(?= of thc| of weed)|thc carts?|vape carts?|"
        r"dispensar(?:y|ies)|stoner\w*|stoned|pot ?heads?|weed ?heads?|tokes?|toked|toking|"
        r"hot ?box\w*|wake and bake|wake n bake|baked out of|greened out|greening out|"
        r"munchies|zaza|the devil'?s lettuce|420 friendly|four ?twenty|blaz(?:ed|ing) it|"
        r"blaze it|blazed(?! (?:a|the|through|past|trails?|new|its|his|her|their|by|across)\b)|zooted|"
        r"(?:smok\w*|roll\w*|toke\w*|blaz\w*|hit|puff\w*)\W{0,3}[\U0001F343\U0001F33F]|bongs? of weed|dime bags?|nickel bags?|quarter ounce of|eighth of (?:weed|bud|kush|flower)|"
        r"roaches|roach clip|bowls? of weed|smok\w* (?:a )?bowls?|pack(?:ed|ing)? (?:a )?bowls?|"
        r"high as a kite|smoked out|weed pens?|bongs?|bong ?rips?|bong ?hits?|dab rigs?|"
        r"blunts|(?:a|the|another|fat|one|two|my|his|her) blunts?(?= ?[.,!?]| and| with| before| after| every| at| in| to|$)|"
        r"(?:being|was|were|got|get|getting|so|super|totally|completely|stay|staying|stayed|always|too|"
        r"stoned and) baked(?! (?:bread|goods|potato\w*|beans|cookies|a |some |the |\w+ (?:cookies|bread|cake)))",
        near(r"pot", r"smok\w*|brownies?|heads?|dealer|bag|baggie|grow\w*|legal\w*|"
             r"dispensar\w*|joint|stoned|high|roll\w*|toke|bong|puff\w*|shop|plants?", 12),
        near(r"joints?|blunts?|spliffs?", r"smok\w*|roll\w*|puff\w*|pass\w*|light\w*|lit|"
             r"hits?|weed|pot|kush|toke|stoned|high|blaz\w*|ash\w*|burn\w*|"
             r"hotbox\w*|fat|a few|tok\w*|spark\w*|twist\w*|stuff\w*", 20),
        near(r"buds?|herb|grass|green|flower|trees|chronic|loud|gas|mids|reggie|bud", r"smok\w*|"
             r"roll\w*|bowl|bong|grams?|ounce|oz|eighth|dispensar\w*|stoned|toke|blaz\w*|"
             r"joint|blunt|grinder|weed|high|dealer|dank|pack\w*|vape|sativa|indica", 15),
        near(r"baked|high|lit|blitzed|faded|zooted|cooked|fried", r"weed|pot|joint|blunt|"
             r"bong|edible\w*|smok\w*|toke|thc|stoner|kush|dab\w*|gumm\w*|brownie\w*", 30),
        near(r"carts?|gumm(?:y|ies)|vapes?|pens?", r"thc|weed|kush|delta|dab|cannabis|marijuana|"
             r"stoned|dispensar\w*|high", 20),
        r"420(?! ?(?:mg|ml|lbs?|calories|dollars|\$|am|pm|\d))",
        # Regional names (UK, Spanish, Portuguese, South Africa, South Asia).
        r"zoots?|mota|porros?|maconha|dagga|bhang|charas|"
        r"(?:ten|twenty|dime|nickel|\d+) bags? of (?:skunk|bud|green|draw|kush|haze)|"
        r"(?:bags?|eighths?|quarters?|ounces?|oz|grams?|\d+ ?g|smok\w*|buy\w*|bought|sell\w*|sold) (?:of |some )?draw\b(?! (?:ticket|tickets))",
        near(r"skunk", r"smok\w*|spliff\w*|joints?|bags?|grams?|eighths?|weed|stoned|high|dealer|grow\w*|strains?|zoot\w*|"
             r"bong|roll\w*|toke\w*", 20),
    ),
    exclude=(
        r"weed(?:ing|ed|s)? (?:out|the (?:garden|beds?|yard|lawn|lot|flower)|my garden|whackers?|"
        r"eaters?|killers?|wackers?|barriers?)|pull\w* weeds|weeds in|garden weeds|"
        r"pot (?:of (?:coffee|tea|soup|chili|water|stew|pasta|rice|beans)|roast|pie|pies|luck|"
        r"holes?|hole|belly|bellies|plants? (?:for|of) (?:herbs|tomatoes|basil)|stickers?)|"
        r"potluck|crock ?pot|instant pot|tea ?pot|flower ?pots?|plant ?pots?|jackpot|"
        r"hot ?pot|pots? and pans?|pot ?holes?|chamber ?pot|melting pot|pot shots?|"
        r"joint (?:pain|account|venture|effort|custody|statement|replacement|problems?|"
        r"stiffness|inflammation|session|decision|meeting|press|aches?)|"
        r"(?:knee|hip|ankle|elbow|shoulder|finger|wrist|sore|stiff|my|achy|arthritic) joints?|"
        r"(?:chicken|burger|pizza|taco|noodle|fast[- ]food|dive) joints?|"
        r"blunt (?:feedback|force|instrument|truth|honesty|answer|tone|way|end|"
        r"talk|conversation|comment|question|about|and honest)|(?:very|so|too|pretty|bit) blunt|"
        r"to be blunt|bluntly|high (?:school|schools|score|scores|heels|five|fives|"
        r"fever|blood pressure|hopes|standards|ground|time|road|street|quality|"
        r"priority|risk|chair|tide|alert|five|level|energy|protein|fiber|functioning|"
        r"expectations|anxiety|bar|point|note|notes|season)|highly|(?:knee|waist|sky|chest)[- ]high|"
        r"high and low|highs and lows|emotional highs?|runner'?s high|natural high|"
        r"baked (?:bread|goods|potato\w*|beans|ziti|chicken|cookies|a cake|some|a batch|treats|"
        r"salmon|mac)|half[- ]baked|sun[- ]baked|thanks,? bud|hey,? bud|(?:my )?bud(?:dy|dies)|"
        r"rosebuds?|taste ?buds?|budget\w*|nip it in the bud|bud light|budweiser|"
        r"grass (?:is greener|roots|fed|stains?|clippings|seed)|grassroots|mow\w* the grass|"
        r"(?:cut|cutting) the grass|herb (?:garden|butter|salad)|dried herbs|fresh herbs|"
        r"green (?:tea|beans|light|card|peppers?|salad|space|onions?|with envy)|"
        r"green(?:er)? pastures|chronic (?:pain|illness|fatigue|condition|disease|stress|"
        r"migraine\w*|back|headaches?|anxiety|depression|kidney|lyme)|trees (?:in|were|are)|"
        r"hash ?(?:browns?|tags?|out|it out|things out|table|function|map|brown)|corned beef hash|"
        r"mary jane (?:watson|shoes?|pumps|heels|flats)|pen (?:and|pal|name|on)|vape (?:shop|juice|nicotine)|nicotine vapes?|juul",
    ),
)
