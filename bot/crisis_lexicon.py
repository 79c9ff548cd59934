"""What the crisis-type reading looks for: concepts in four languages, and the cues they give.

Written from tests/data/understanding/dev.csv, heldout.csv and (from round 2) heldout_2.csv,
and from the labelling rule in tests/data/understanding/README.md. Polish and English entries
are lemmas (every inflected form matches, through the Morfeusz-generated form table
bot/data/crisis_forms.json.gz: rebuild it with scripts/build_crisis_forms.py after adding one);
Ukrainian and Russian entries are Cyrillic stems or whole words, which also match Latin
transliteration (bot/understanding). Concepts say what words mean; cues say which crisis type
a concept, or concepts together within a few words of one sentence, speak for and how strongly.

A cue of weight FITS or more is enough for its type on its own; a lighter one only hints (a
child named, "nie daję rady", a screening alarm): the resident is then asked, with the likeliest
type first.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from bot.understanding.concepts import Concept, concept
from bot.understanding.lemmas import (
    CONDITIONAL,
    FUTURE,
    INFINITIVE,
    NOT_IMPERATIVE,
    OTHER,
    PAST,
    PRESENT,
    FormTable,
    parse_table,
)
from bot.understanding.rules import Rule, rule
from directory.crisis import CrisisType

FORMS_PATH: Final = Path(__file__).resolve().parent / "data" / "crisis_forms.json.gz"
# A type whose cues add up to this is what the message is about (sure); below it, a hint.
FITS: Final = 1.0
HINT: Final = 0.5

CONCEPTS: Final[tuple[Concept, ...]] = (
    # --- people and particles ----------------------------------------------------------------
    concept(
        "neg",
        words="nie not no never dont doesnt didnt cant cannot wont isnt havent hasnt nigdy",
        east_words="не ні нет ни немає нема",
    ),
    concept(
        "self",
        pl="się siebie",
        words="sie sobie soba siebie myself herself himself self",
        east_words="себе себя собі собою собой",
    ),
    concept("me", words="mnie mi mna me us nas nam", east_words="мене мені мною меня мне мной"),
    concept(
        "partner",
        pl="mąż żona partner partnerka chłopak konkubent konkubina narzeczony ojczym",
        en="husband wife partner boyfriend girlfriend",
        words="ex byly eks",
        east="чолові чолов дружин хлопц хлопец парн співмеш сожител вітчим отчим",
        east_words="муж мужа мужем жена жену женой чоловік",
    ),
    concept(
        "relative",
        words="mama mamy mamie mame mamo mamusia mamusi mamuśka",
        pl="matka tata ojciec tato brat siostra syn córka dziecko babcia dziadek "
        "przyjaciel przyjaciółka kolega koleżanka wujek ciocia mąż żona narzeczony chłopak "
        "dziewczyna partner partnerka teść teściowa wnuk wnuczka",
        en="mother mom mum father dad brother sister son daughter child baby grandmother "
        "grandfather grandma grandpa friend husband wife partner boyfriend girlfriend",
        east="мам мат бать тат брат сестр сина сын доч дон дитин ребен бабус дідус дедуш "
        "друг подруг чолов дружин",
        east_words="син муж жена батько отец мати",
    ),
    concept(
        "child",
        pl="dziecko syn córka nastolatek nastolatka córeczka synek dzieciak wnuk wnuczka niemowlę "
        "chłopiec dziewczynka maluch bliźniak bliźnię",
        en="child kid son daughter teen teenager teenage baby twin boy girl toddler",
        phrases="little one, nasze malenstwo, naszego malenstwa, малюка, малыша",
        words="dochka dochku dochki donka donku dzieci dzieciaki blizniaki blizniakow blizniak "
        "blizniaczki przedszkolak "
        "przedszkolaka dwulatek dwulatka trzylatek trzylatka czterolatek czterolatka "
        "piecioletni pieciolatek "
        "pieciolatka pieciolatki szesciolatek szesciolatka siedmiolatek siedmiolatka toddlers",
        east="дитин діт дит дет сина доч дон ребен підліт подрост немовл младен",
        east_words="син сын",
    ),
    concept(
        "parents",
        pl="rodzic",
        en="parent",
        words="rodzice rodzicow rodzicami starzy",
        east="батьк родител",
    ),
    concept("something", words="cos something", east_words="щось что-то чтото щос"),
    # Words that are neither topic nor place but lie one typo from a topic word ("porodzie" is
    # not "powodzie", "starszy" not "straszy"): known, they are never read as the other.
    concept("single_mother", phrases="samotnej matki, samotna matka, single mother, single mum"),
    concept(
        "known",
        pl="poród góra starszy pan sąsiad pieniądz prowadzić wysyłać plac wpaść straszny piąty "
        "zawał słuchawka",
        en="thank be struggle health best race",
        words="porno racing wdarla wdarl wdarlo dzieki dziekuje dziekujemy dzienki przejsc przejde "
        "przejdzie skarza skarzy skarze trafic trafila trafil trafili trafilam trafilem",
        east="поверн верн будин пожалуйст пожалуст після после роби зроби дела сдела ходи",
        east_words="продали продала продав продал утра вечера ночи ранку вечора ночі вечером утром "
        "вихідних вихідні вихідний "
        "выходных выходные выходной",
    ),
    # Idioms whose words are no place ("z góry dziękuję" is thanks in advance, "sąsiad z góry"
    # the neighbour upstairs, not the town Góra).
    concept(
        "idiom",
        phrases="z gory dziekuje, z gory dziekujemy, z gory dzieki, z gory dziekuje za pomoc, "
        "sasiad z gory, sasiadka z gory, sasiedzi z gory, sasiada z gory, sasiadki z gory, "
        "sasiadow z gory",
    ),
    # A country is no place the bot can serve ("przyjechałam do Polski", "w Polsce").
    concept(
        "country",
        words="polska polski polsce polske polsko poland ukraina ukrainy ukrainie ukraine",
        east_words="польща польщі польщу польша польши польше польшу україна україни україні "
        "украина украины украине",
    ),
    concept("oneself", words="soba myself", east_words="собою собой"),
    concept(
        "spiked",
        phrases="cos jej dosypal, cos jej dosypali, cos mi dosypal, cos mi dosypali, ktos jej cos "
        "dosypal, ktos mi cos dosypal, spiked my drink, spiked her drink, spiked his drink, мені "
        "щось підсипали, їй щось підсипали, мне что-то подсыпали, ей что-то подсыпали",
    ),
    concept("spy", pl="podsłuchiwać szpiegować", en="spy", east="підслухов подслушива шпигу шпион"),
    concept(
        "robbery",
        pl="rabunek okraść obrabować",
        en="robbery robbed mugged mugging",
        words="knifepoint gunpoint",
        east="пограбув ограбил ограбили пограбували",
    ),
    concept(
        "loan_in_name",
        phrases="кредити на мої документи, кредит на мої документи, кредиты на мои документы, "
        "кредит на мои документы, bierze kredyty na mnie, bierze kredyty na moje dane, takes "
        "loans in my name, loans in my name",
    ),
    concept(
        "vanish",
        pl="zniknąć znikać",
        en="disappear vanish",
        words="ischeznut ischeznut",
        east="зникнут исчезн",
    ),
    concept("rope", pl="sznur stryczek", en="rope noose", east="мотузк веревк зашморг"),
    # A rope bought or ready: a plan ("kupił linę"); a rope alone may be for climbing.
    concept("line_rope", pl="lina"),
    concept("buy", pl="kupić kupować", en="buy bought", east="купив купил купи"),
    concept("no_way_out", phrases="nie widze wyjscia, no way out, не бачу виходу, не вижу выхода"),
    concept("wake", pl="obudzić budzić", en="wake", east="прокину проснут прокида просыпа"),
    concept("dead", pl="martwy", en="dead", east="мертв"),
    concept("life", pl="życie", en="life", east="житт жизн"),
    concept("harm", pl="krzywda", en="harm"),
    # --- suicidal ----------------------------------------------------------------------------
    concept(
        "suicide",
        pl="samobójstwo rezygnacyjny samobójczy samobójca samookaleczenie samookaleczyć okaleczać "
        "okaleczyć",
        en="suicide suicidal",
        words="selfharm samookaleczam",
        east="суїцид суицид самогуб самоуб самоушк",
        phrases="self harm",
    ),
    concept(
        "kill",
        pl="zabić zabijać",
        en="kill",
        east="вбит вбий вбю убит убью убий покінч покончи",
        east_words="вбє вб'є уб'є убьет убьёт",
    ),
    concept(
        "cut",
        pl="ciąć pociąć podciąć",
        en="cut slit",
        east="поріз поріж поріза порез вскры ріж різа реж рез переріз перерiж перереж перерез",
        words="rezhet rezhu rizhe rizhu porezala porizala",
    ),
    concept(
        "want",
        pl="chcieć",
        en="want wish",
        words="wanna",
        east="хоч хоті хоте",
        east_words="хочу хочет хоче хочеш хочешь хочется хочеться хотят хочуть",
    ),
    concept(
        "live",
        pl="żyć",
        en="live",
        words="alive",
        east_words="жити жить жил",
        phrases="keep going, carry on",
    ),
    concept(
        "die_wish",
        pl="umrzeć umierać",
        en="die",
        east="умер умри вмер вмир",
        tenses=(INFINITIVE, PRESENT, FUTURE, CONDITIONAL, OTHER),
    ),
    concept("death", pl="śmierć", en="death", east="смерт"),
    concept("think", pl="myśleć myśl", en="think thought", east="дума"),
    concept("end", pl="skończyć kończyć zakończyć", en="end", east="закінч законч покінч поконч"),
    concept(
        "everything",
        words="wszystko wszystkim all everything",
        east="всьог усьог всег",
        east_words="все всё усе усім всім всем всему",
    ),
    concept("sense", pl="sens", en="point reason", east="сенс смысл"),
    concept("veins", pl="żyła nadgarstek", en="wrist vein", east="вен"),
    concept(
        "body",
        pl="ręka noga udo przedramię brzuch",
        en="arm leg thigh forearm wrist",
        words="rece",
        east="руки ноги руку",
    ),
    concept(
        "cutting_again",
        phrases="been cutting, cutting again, started cutting, cut again, keep cutting, stop "
        "cutting, znow sie tne, znowu sie tne, znowu sie pocielam, pocielam sie, знову ріжу, "
        "опять режу, снова режу",
    ),
    concept(
        "jump",
        pl="skoczyć skakać wyskoczyć skok",
        en="jump",
        east="стрибн стрибат стрибок прыгн прыгат прыжок",
    ),
    concept(
        "high_place",
        pl="most wieżowiec dach piętro tory okno",
        words="torach torami torow",
        en="bridge roof tracks",
        east="міст мост дах крыш поверх этаж",
    ),
    concept("hang", pl="powiesić wieszać", en="hang", east="повіс повес"),
    # Sitting or standing on a bridge, a roof, the tracks: a plan in progress.
    concept(
        "be_on",
        pl="siedzieć stać",
        en="sit stand",
        words="siedze stoje sitting standing",
        east="сиджу сижу стою",
    ),
    concept("edge", pl="krawędź barierka balustrada", en="edge ledge railing", east="краю краю"),
    concept("knife", pl="nóż siekiera", en="knife", east_words="ніж нож ножем ножом"),
    concept(
        "suicidal_phrase",
        phrases="po co zyc, po co zyje, nie chce mi sie zyc, zrobie cos sobie, zrobic cos sobie, "
        "zrobie sobie cos zlego, zrobie sobie cos, cos zlego sobie, cos sobie zrobie, nie mam "
        "sily zyc, nie mam sil zyc, "
        "zrobie sobie krzywde, zrobic sobie krzywde, ze soba skonczyc, skonczyc ze soba, "
        "disappear forever, zniknac na zawsze, исчезнуть навсегда, зникнути назавжди, "
        "odejsc na zawsze, odejde na zawsze, dosc tego swiata, go away forever, "
        "краще померти, лучше умереть, lepiej umrzec, better off dead, better to die, "
        "незачем жить, нема навіщо жити, нема для чого жити, nie ma po co zyc, "
        "nie daje rady zyc, nie daje juz rady zyc, wiem gdzie to zrobie, wiem jak to zrobie, "
        "wiem kiedy to zrobie, jutro mnie nie bedzie, mnie jutro nie bedzie, dosc zycia, sick "
        "of life, had enough of life, i know how i will do it, i know where i will do it, знаю як "
        "це "
        "зроблю, знаю как это сделаю, juz mnie tu nie bedzie, mnie juz nie bedzie, "
        "go to sleep forever, sleep forever, zasnac na zawsze, заснути назавжди, уснуть навсегда, "
        "wont be here tomorrow, мене вже не буде, меня уже не будет, want it all to stop, "
        "want it to stop, want "
        "everything to stop, zeby to wszystko sie "
        "skonczylo, "
        "gdybym zniknela, gdybym znikla, gdybym zniknal, zebym zniknela, zebym zniknal, "
        "rzucic sie pod pociag, rzuce sie pod pociag, pod pociag, jump in front of a train, "
        "кинутися під поїзд, броситься под поезд, "
        "to zakoncze, zakoncze to, skoncze z tym, skonczyc z tym, skoncze to, lepiej beze mnie, "
        "lepiej bez mnie, lepiej gdyby mnie nie bylo, lepiej jakby mnie nie bylo, nie obudzic, "
        "better off without me, better without me, never wake up, not wake up, "
        "краще без мене, краще б мене не було, лучше без меня, лучше бы меня не было, "
        "не прокинутись, не проснуться, "
        "end my life, end it all, end it, ending it, ending my life, mam dosc zycia, take my "
        "life, take my own life, "
        "lzej beze mnie, lzej bez mnie, lzej gdyby mnie nie bylo, easier without me, "
        "легше без мене, легче без меня, in front of a train, in front of the train, "
        "under a train, "
        "plan jak to zrobic, plan how to do it, план як це зробити, план как это сделать, "
        "повіситься, повішуся, повішусь, повешусь, повесится, powiesi sie, sie powiesi, "
        "powiesze sie, sie powiesze, hang myself, "
        "not want to be here, nie chce tu byc, nie chce juz tu byc, dont want to be here, "
        "накласти на себе руки, наложить на себя руки, не хочу жити, не хочу жить, "
        "не хочу больше жить, не хочу більше жити",
    ),
    concept(
        "farewell",
        pl="pożegnalny",
        east="прощальн предсмерт передсмерт",
        phrases="goodbye letter, goodbye note, suicide note, farewell letter, goodbye to everyone, "
        "texted goodbye, goodbye letters, goodbye notes, wrote goodbye, listy pozegnalne, list do "
        "rodzicow, said goodbye to everyone, saying goodbye to everyone, wszystkich "
        "przeprasza, przeprasza wszystkich, przepraszam wszystkich, wszystkich przepraszam, "
        "pozegnal sie ze wszystkimi, pozegnala sie ze wszystkimi, zegna sie ze wszystkimi, "
        "sorry for everything, przeprasza za wszystko, przepraszam was wszystkich, przepraszam "
        "was za wszystko, прощается со всеми, прощається з усіма, "
        "просит у всех прощения, просить у всіх вибачення, zegna sie ze mna na zawsze, zegna sie "
        "na zawsze, pozegnala sie na zawsze, pozegnal sie na zawsze, goodbye forever, прощайте, "
        "прощавайте, прощай навсегда, прощай назавжди",
    ),
    concept(
        "stockpile",
        pl="zbierać uzbierać odkładać odłożyć gromadzić nazbierać schować chować zapas",
        en="save collect stockpile hoard ready prepared",
        words="odlozone odlozylam odlozylem schowane uzbierane gotowe przygotowane "
        "przygotowalam przygotowalem naszykowane naszykowalam naszykowalem",
        east="накопич збира собира відклад отклад",
    ),
    concept(
        "swallow",
        pl="połknąć łykać łyknąć nałykać wypić",
        en="swallow",
        east="ковтн глотн наковт наглот випил выпил випи выпи проковт проглот",
    ),
    concept(
        "pills",
        pl="tabletka lek proszek pigułka",
        en="pill tablet medication",
        words="tabletek tabletki meds antidepressants antidepressant antydepresanty "
        "antydepresantow paracetamol paracetamolu apap ibuprofen ibuprofenu tylenol",
        east="таблет пігул пигул лекарств ліки ліків парацетам",
    ),
    concept(
        "on_purpose",
        words="celowo specjalnie",
        phrases="on purpose, na zlosc, навмисно, специально, нарочно",
    ),
    concept(
        "completed_suicide",
        phrases="sie powiesil, sie powiesila, powiesil sie, powiesila sie, hanged himself, "
        "hanged herself, повісився, повісилася, повесился, повесилась, "
        "popelnil samobojstwo, popelnila samobojstwo, sie zabil, sie zabila, zabil sie, "
        "zabila sie, odebral sobie zycie, odebrala sobie zycie, killed himself, killed herself, "
        "committed suicide, took his own life, took her own life, took his life, took her life, "
        "покінчив з собою, покінчила з собою, покончил с собой, покончила с собой, "
        "наклав на себе руки, наклала на себе руки, наложил на себя руки, jumped off a bridge, "
        "jumped from a bridge, skoczyl z mostu, skoczyla z mostu, стрибнув з мосту, стрибнула з "
        "мосту, прыгнул с моста, прыгнула с моста",
    ),
    # --- violence ----------------------------------------------------------------------------
    concept(
        "hit",
        pl="bić pobić uderzyć uderzać tłuc kopać kopnąć szarpać szarpnąć popychać popchnąć "
        "spoliczkować lać walnąć siniak",
        en="hit beat punch kick slap bruise push shove",
        phrases="broke my nose, broke my arm, broke my ribs, broke my jaw, zlamal mi nos, zlamal "
        "mi reke, zlamal mi zebra, podniosl na mnie reke, podnosi na mnie reke, podniosla na "
        "mnie reke, raised his "
        "hand",
        words="bije bil bila",
        east="побив побил избив избил вдари удари лупи синяк штовх толкн дерет дерьот",
        east_words="бє бьет бьёт бив побили избили бють бьют б'є б'ють б'ється бьется дерется "
        "б'ються бьются дерутся",
    ),
    concept(
        "abuse",
        pl="przemoc znęcać nękać prześladować molestować zgwałcić gwałt szantażować szantaż "
        "gwałcić gnębić awanturować upokarzać ubliżać maltretować katować terroryzować zmuszać "
        "izolować "
        "poniżać "
        "wyzywać zastraszać straszyć demolować awantura krzywdzić "
        "skrzywdzić przemocowy dręczyć wykorzystywać napastować nachodzić wyśmiewać szydzić "
        "dokuczać oczerniać zniesławiać podszywać",
        en="violence violent abuse abusive abuser harass harassment stalk stalker "
        "rape molest assault bully bullying blackmail humiliate terrorize mistreat batter",
        words="stalking stalkuje mobbing hejt hejtuja niebieska cyberprzemoc mobbinguje mobbinguja "
        "mobbingowal mobbingowala",
        east="висмі висме насмеха насильс насили знуща издева переслід преслед ґвалт гвалт зґвалт "
        "изнасил шантаж цьку пристає пристает пристава приставал приставав булін буллин травл "
        "травя травит домага принижу унижа",
    ),
    concept(
        "attack",
        pl="napaść zaatakować napadać",
        en="attack assault",
        east="напав напал напад атак",
    ),
    # "били" (they beat) sounds like Russian "были" (were): only beside Ukrainian "мене" (me).
    concept("beat_plural", east_words="били"),
    concept(
        "exposure",
        phrases="exposed himself, exposing himself, obnazal sie, obnaza sie, pokazywal sie nago, "
        "оголювався, показывал себя голым",
    ),
    concept("me_uk", east_words="мене нас"),
    concept("choke", pl="dusić udusić", en="choke strangle", east="душит душил душить душив душат"),
    concept(
        "forbid",
        pl="zabraniać zabronić",
        en="forbid",
        east="заборон запрещ",
        phrases="nie wypuszcza, nie wypuszczaja, nie pozwala, nie pozwalaja, nie pozwolil, wont "
        "let me, doesnt let me, "
        "не пускає, не пускает, не дозволяє, не разрешает",
    ),
    concept(
        "throw_at",
        phrases="rzuca talerzami, rzuca czym popadnie, rzuca w nas, rzuca we mnie, rzucil we "
        "mnie, rzucila we mnie, rzuca rzeczami, throwing eggs, throws eggs, rzuca jajkami, "
        "obrzuca jajkami, кидає яйця, rzuca w mame, throws things, кидає в мене, кидается, "
        "rzuca sie na mnie, rzucil sie na "
        "mnie, rzucila sie na mnie, z piesciami, piescia, with his fists, с кулаками, з кулаками",
    ),
    concept(
        "vehicle",
        pl="samochód auto ciężarówka tir motor autobus pociąg tramwaj rower motocykl skuter",
        en="car truck bus train motorbike bike lorry motorcycle scooter",
        east="машин автомоб автобус потяг поезд мотоцик скутер",
        east_words="авто",
    ),
    concept("threaten", pl="grozić groźba pogróżka", en="threaten threat", east="погрож угрож"),
    concept(
        "image_abuse",
        phrases="sexual messages, sexual comments, sexual texts, sprosne wiadomosci, "
        "сексуальні повідомлення, kaze jej wysylac zdjecia, kaze mu wysylac zdjecia, kaze mi "
        "wysylac zdjecia, prosi o zdjecia, prosi ja o zdjecia, prosil o zdjecia, asks for photos, "
        "asking for photos, asks her for photos, просит фото, просить фото, просить надіслати "
        "фото, grooming, groomed, groomer, "
        "wysylac zdjecia, send pictures, send photos, send nudes, надсилати фото, присылать "
        "фото, nagie zdjecia, intymne zdjecia, nudes, интимные фото, інтимні фото, moje "
        "zdjecia do neta, moje zdjecia do internetu, moje zdjecia w necie, posted my photos",
    ),
    concept(
        "break_in",
        pl="włamać włamanie",
        en="burglary burglar",
        east="вломил вламыв",
        phrases="broke into, break into, breaking into, breaks into, broken into",
    ),
    concept("control", pl="kontrolować", en="control", east="контрол"),
    # Threatening with the court, a probation officer or the police is no violence.
    concept(
        "authority",
        pl="kurator sąd policja prokurator",
        en="court police sue",
        words="kuratorem kuratora sadem policja policje policja",
        east="суд поліці полиц куратор",
        east_words="поліцію поліції поліція полицию полиции полиция",
    ),
    concept(
        "takes_money",
        phrases="zabiera mi pieniadze, zabiera cala wyplate, zabiera mi wyplate, zabiera mi "
        "pensje, takes all my money, takes my salary, takes my wages, забирает всю зарплату, "
        "забирає всю зарплату, забирает деньги, забирає гроші, не дает денег, не дає грошей, "
        "zada pieniedzy, zada ode mnie pieniedzy, wymusza pieniadze, demands money, вимагає "
        "гроші, требует денег, вымогает деньги",
    ),
    concept(
        "stalking_phrase",
        phrases="turning up at my, turns up at my, showing up at my, shows up at my, keeps turning "
        "up, z nieznanych numerow, z zastrzezonego numeru, from unknown numbers, з невідомих "
        "номерів, с неизвестных номеров, dysza w sluchawke, heavy breathing, "
        "wystaje pod blokiem, wystaje pod domem, wystaje pod praca, z nowych numerow, "
        "z roznych numerow, from new numbers, from different numbers, з нових номерів, "
        "с новых номеров, "
        "smieja sie z niego, smieja sie z niej, smieja sie z syna, smieja sie z corki, "
        "czeka pod blokiem, czeka pod domem, czeka pod praca, czeka na mnie pod, ciagle "
        "wypisuje, ciagle mi wypisuje, waits outside my, waiting outside my, ждет у подъезда, "
        "чекає під під'їздом, wszyscy sie smieja, smieja sie ze mnie, laugh at me, laughing at "
        "me, смеются надо мной, сміються з мене",
    ),
    concept(
        "touch",
        pl="dotykać obmacywać",
        en="touch grope grab",
        east="чіпа трога лапа",
        phrases="dobiera sie do mnie, sie do mnie dobiera, dobieral sie, dobiera sie",
    ),
    concept("grope", pl="obmacywać zaczepiać", en="grope", east="лапа мацає мацал"),
    # What an abuser takes away: money, documents, the phone.
    concept(
        "take_away",
        pl="zabrać zabierać odebrać wyciągać wyłudzać",
        en="take",
        east="забира забрал забрав",
    ),
    concept(
        "papers",
        pl="dowód paszport dokument telefon pieniądz emerytura renta wypłata karta",
        en="passport document phone money card",
        east="паспорт документ телефон грош деньг",
    ),
    concept("lock", pl="zamykać zamknąć", en="lock", east="замика запира"),
    # Someone's photos posted to shame them.
    concept(
        "post",
        pl="wrzucić wrzucać udostępnić opublikować",
        en="post share",
        east="виклав выложил виставив виставила выставил выставила",
    ),
    concept(
        "photos",
        pl="zdjęcie fotka film filmik nagranie",
        en="photo picture pic video",
        east="фото світлин відео видео",
    ),
    concept(
        "throw_out",
        pl="wyrzucić wyrzucać",
        east="вигна выгна",
        phrases="kicking us out, kicking me out, kicked out, kick out, kicked me out, kicked us "
        "out, throw us out, throw me out, throwing us out, throwing me out",
    ),
    concept("follow", pl="śledzić", en="follow", east="слідку следит переслід"),
    # Lying in wait for someone: stalking whoever does it.
    concept("from_person", words="od from", east_words="від от"),
    concept(
        "lie_in_wait",
        east="караул підстеріг підстерега подстерег подстерега поджида вистежу выслежива",
    ),
    # Whole words, so that "з нових номерів" and "у поліцію" reach no place lookup.
    concept("new_numbers", east_words="нових новых номерів номеров номера номерів"),
    # Running from a partner, and a shelter for women: violence at home.
    concept(
        "womens_shelter",
        phrases="dom dla kobiet, dla kobiet ktore uciekaja, schronisko dla kobiet, osrodek dla "
        "ofiar, womens shelter, women's shelter, shelter for women, притулок для жінок, "
        "кризисный центр для женщин, приют для женщин",
    ),
    # Racism and hate for where one comes from: abuse.
    concept(
        "racism",
        pl="rasizm rasista rasistowski ksenofobia",
        en="racism racist xenophobia xenophobic",
        words="brudas brudasow brudasy brudasem banderowiec banderowcu banderowka banderowki",
        east="расизм расист ксенофоб бандерівк бандеровк хохл",
        phrases="skin colour, skin color, kolor skory, koloru skory, bo jestem z ukrainy, bo "
        "jestem ukrainka, bo jestem ukraincem, because im ukrainian, because i am ukrainian, "
        "bo jestesmy z ukrainy, because we are ukrainian, бо ми з україни, потому что мы с "
        "украины, rzucaja kamieniami, throw stones, кидають каміння, кидают камни, "
        "because im foreign, because hes ukrainian, because shes ukrainian, bo jest z ukrainy, "
        "bo jest ukraincem, bo jest ukrainka, call him names, call her names, call me names, "
        "calls me names, calls him names, calling me names, calling him names, call my son "
        "names, call my daughter names, "
        "because of my accent, mocks my accent, z powodu akcentu, iz za akcenta, из-за акцента, "
        "через акцент,  бо я українка, бо я українець, потому что я украинка, потому что "
        "я украинец",
    ),
    # An employer who takes a passport: forced labour.
    concept("passport", pl="paszport", en="passport", east="паспорт"),
    # Money doled out and spending checked by a partner: economic abuse.
    concept("ration", pl="wydzielać wydzielić", en="ration", east="выдает выдаёт видає"),
    concept(
        "check",
        pl="sprawdzać kontrolować przeglądać",
        en="check monitor screen",
        words="checks screens",
        east="перевіря проверя",
        phrases="goes through, go through, going through, went through",
    ),
    concept(
        "spending",
        pl="paragon wydatek zakup konto",
        en="receipt spending purchase account",
        east="покупк витрат расход чеки",
    ),
    concept(
        "decide_who",
        phrases="who i can see, who i can meet, who i can talk to, z kim moge sie spotykac, "
        "z kim moge rozmawiac, з ким мені можна, с кем мне можно",
    ),
    concept("ask", pl="prosić", en="ask", east="просит просить просив просил"),
    concept(
        "body_control",
        phrases="liczy mi kalorie, kaze mi sie wazyc, kaze sie wazyc, counts my calories, makes "
        "me weigh myself, рахує мої калорії, считает мои калории",
    ),
    concept("jealous", pl="zazdrosny zazdrość", en="jealous jealousy", east="ревн ревну"),
    concept(
        "afraid_of_him",
        phrases="boje sie go, boje sie jej, im afraid of him, im afraid of her, im scared of him, "
        "im scared of her, i am afraid of him, я боюся його, я боюсь его, я его боюсь, боюсь его",
    ),
    concept("give", pl="dawać dać", en="give", east="дає дает даёт дав дал"),
    concept("hurt", en="hurt", east="кривд обижа"),
    concept(
        "scream",
        pl="krzyczeć wrzeszczeć drzeć krzyk",
        en="scream shout yell",
        east="крич кричи",
    ),
    # Memories of war: screams at night, nightmares (trauma, not violence at home).
    concept(
        "war",
        pl="wojna front misja ostrzał bombardowanie",
        en="war combat shelling bombing",
        words="afganistan afganistanie iraku",
        east="війн войн фронт обстріл обстрел бомбардув бомбёж бомбеж",
    ),
    concept("dream", pl="śnić", en="dream nightmare", east="сниться снится сню снюсь"),
    concept(
        "in_sleep",
        phrases="przez sen, w nocy krzyczy, уві сні, во сне, in his sleep, in her sleep, in my "
        "sleep",
    ),
    concept("help_word", pl="pomoc", en="help", words="pomocy ratunku", east="допомог помог"),
    concept("about", words="o about"),
    concept(
        "fear",
        pl="bać strach lękać przerażony",
        en="afraid scared fear terrified",
        east="бою страш",
    ),
    # --- disaster ----------------------------------------------------------------------------
    concept(
        "fire",
        pl="pożar spłonąć spalić płonąć podpalić",
        en="fire",
        east="пожеж пожар згор сгор пала горит горять горів",
        words="zghoriv zghorila zghorilo zghoriw zgorel zgorela zgorelo sgorel sgorela sgorelo",
        phrases="burned down, burnt down, burning, house burned, flat burned, burned to the ground",
    ),
    concept("burn_self", pl="palić"),
    concept(
        "burnout",
        phrases="сгорела на работе, сгорел на работе, згоріла на роботі, згорів на роботі, "
        "выгорела, выгорел, вигоріла, вигорів, wypalilam sie, wypalilem sie, wypalona w pracy",
    ),
    # Burning oneself on purpose (a cigarette, a lighter): self-harm, not a fire.
    concept(
        "self_burn",
        pl="przypalać przypalić",
        words="przypalam przypalilam przypalilem",
        east="припіка припіка прижига",
    ),
    concept(
        "burn_myself",
        phrases="burning myself, burn myself, burned myself, burnt myself, палю себе, жгу себя",
    ),
    concept(
        "flood",
        pl="powódź zalać zalewać podtopić podtopienie",
        en="flood",
        east="повін наводн затоп потоп",
        east_words="залило залила залил",
        phrases="wylew rzeki, po wylewie rzeki, wylala rzeka, rzeka wylala, river burst its banks, "
        "річка вийшла з берегів, река вышла из берегов",
    ),
    concept(
        "storm",
        pl="huragan wichura nawałnica burza ulewa grad trzęsienie ewakuacja katastrofa zawalić "
        "wybuch wybuchnąć eksplodować eksplozja osunąć osuwać gaz czad tornado osuwisko lawina",
        en="storm hurricane earthquake evacuate evacuation explosion disaster tornado gas "
        "landslide avalanche wildfire",
        words="collapsed piorun pioruna piorunem lightning",
        east="ураган буря шторм обруш вибух взрыв евакуа эвакуа землетрус обвал катастроф злив "
        "ливен газ",
        tenses=NOT_IMPERATIVE,
    ),
    concept(
        "accident",
        pl="wypadek kolizja zderzenie karambol stłuczka wjechać potrącić przygnieść dachować",
        en="accident crash",
        east="аварі дтп",
    ),
    concept(
        "subsidence",
        phrases="szkody gornicze, szkod gorniczych, szkodach gorniczych, zapadl sie grunt, "
        "zapadla sie ziemia, zapadl sie dom, pekaja sciany, popekaly sciany, sinkhole, "
        "провал грунту, провал грунта, тріщини в стінах, трещины в стенах",
    ),
    concept(
        "overturn",
        pl="przewrócić wywrócić",
        en="overturn",
        words="flipped",
        east="перекинув перекинул перевернув перевернул",
        phrases="rolled over",
    ),
    concept("knock_down", east="збив збила збил сбил сбила"),
    concept("tree", pl="drzewo konar gałąź", en="tree branch", east="дерев гілк ветк"),
    concept(
        "smoke",
        en="smoke",
        words="dym dymu dymem",
        east_words="дим дым диму дыма",
    ),
    concept("river", pl="rzeka", en="river", east="річк ріка река реки"),
    concept(
        "rise",
        pl="wzbierać przybierać wylać podnosić",
        en="rise",
        words="rising",
        east="прибува розлил разлил поднима",
    ),
    concept("water", pl="woda", en="water", east_words="вода воду води воды"),
    concept(
        "building",
        pl="dom mieszkanie piwnica parter blok budynek kamienica dach",
        en="house flat apartment basement building roof",
        east="будин дом квартир підвал подвал",
    ),
    concept("street", pl="ulica", en="street road", east="вулиц улиц"),
    concept(
        "crash_verb",
        pl="rozbić",
        en="crash wreck",
        east="розбив разбил влетел влетіл врезал врізал в'їхал въехал",
    ),
    concept(
        "hazard_object",
        pl="bateria baterka magnes kapsułka",
        en="battery magnet detergent",
        east="батарейк магніт магнит",
    ),
    concept(
        "bite",
        pl="pogryźć ugryźć pokąsać",
        en="bite bitten",
        words="bit bites biting",
        east="вкуси покуса укуси покусал",
    ),
    concept("dog", pl="pies", en="dog", east="собак", east_words="пес пса"),
    concept(
        "injured",
        pl="ranny",
        en="injured",
        east="поранен ранен",
        phrases="w spiaczce, in a coma, в комі, в коме",
    ),
    concept("fall", pl="wypaść spaść", en="fall", east="впав упал випав выпал впал впало упало"),
    concept(
        "height", pl="okno balkon schody dach", en="window balcony stairs roof", east="вікн окн"
    ),
    # --- addiction ---------------------------------------------------------------------------
    concept(
        "alcohol",
        pl="alkohol alkoholik alkoholiczka alkoholizm pić wypić upić pijany pijak wódka piwo "
        "nietrzeźwy "
        "chlać picie przepić przepijać zapijać zapić popijać alkoholowy",
        en="alcohol alcoholic drink drunk vodka beer wine",
        words="pije chleje pyje pyie zapoe zapoi zapoj zapij",
        east="алкогол горілк водк бухає бухает бухать запій запой пропив пропива пьяниц п'яниц "
        "випива выпива",
        east_words="пьяный пьяная пьяний п'яний п'яна пє п'є пьет пьёт пють пьют п'ють пю п'ю "
        "пити пить",
    ),
    concept(
        "drugs",
        pl="narkotyk narkoman ćpać przećpać ćpun dopalacz amfetamina marihuana kokaina heroina "
        "mefedron ketamina trawka narkomania metamfetamina klej ecstasy zioło jarać crack amfa",
        en="drug cocaine heroin meth weed lsd ketamine",
        phrases="wciaga kreske, wciaga kreski, wciagnal kreske, wciagaja kreski, wciagac kreske, "
        "doing lines, snorting, на кокаине, sidit na soli, sidit na sol, сидит на соли, сидить на "
        "солі, na solach",
        words="kolytsia kolyetsia koletsia kolitsia cpa cpam cpaja "
        "dealer dealers dealera diler dilera dilerowi coke koks koka przecpal "
        "przecpala przecpali nacpany nacpana "
        "nacpani nacpal",
        east="наркот нарко кокаин кокаїн героин героїн амфетам употребл ширя спайс нюха кетамін "
        "кетамин",
        east_words="траву трава травку травка колется колеться колоться колиться клей",
    ),
    concept(
        "gambling",
        pl="hazard kasyno automat bukmacher ruletka hazardzista obstawiać obstawić",
        en="gamble gambling casino betting bet slot lottery",
        words="zdrapki zdrapka zdrapek lotto scratch bukmacherka bukmacherce bukmacherki "
        "bukmacherke",
        phrases="zaklady sportowe, zakladach sportowych, zakladow sportowych, zakladami "
        "sportowymi, sports betting, спортивні ставки, спортивные ставки, в карты, у карти, "
        "w karty, at cards",
        east="азарт казино ставк ігроман игроман автомат",
    ),
    concept(
        "get_high",
        phrases="get high, getting high, gets high, got high, na haju, dla haju, для кайфу, "
        "ради кайфа, под кайфом, під кайфом",
    ),
    concept("hide", pl="chować ukrywać", en="hide", east="хова пряч прята"),
    concept("bottle", pl="butelka flaszka", en="bottle", east="пляш бутыл"),
    concept("drinks_latin", words="pie pje"),
    concept("bets", pl="zakład"),
    concept("lose_money", pl="przegrać", en="lose", east="програ проигра"),
    concept(
        "money",
        pl="pieniądz oszczędność pensja wypłata wszystko majątek tysiąc kasa",
        en="money savings salary everything thousand",
        words="zl zlotych tys",
        east="грош деньг зарплат",
        east_words="денег",
    ),
    concept(
        "addicted",
        pl="uzależnienie uzależniony uzależnić nałóg nałogowy odwyk detoks",
        en="addict addiction addicted rehab detox",
        east="залежн зависим",
        east_words="подсел подсела подсели підсів підсіла підсіли",
        phrases="na glodzie, hooked on",
    ),
    concept(
        "overdose",
        pl="przedawkować",
        en="overdose",
        words="overdosed",
        east="передоз",
    ),
    concept(
        "sleeping_pills",
        pl="nasenny uspokajający przeciwbólowy opioid",
        en="sleeping painkiller opioid",
        words="tramadol tramadolu tramadolem kodeina kodeiny kodeine codeine xanax xanaxu "
        "relanium clonazepam klonazepam oxycodone oksykodon fentanyl fentanylu benzo benzos "
        "benzodiazepiny lyrica pregabalina",
        east="снодій снотвор знеболюв обезбол опіоїд опиоид",
    ),
    concept(
        "too_much",
        phrases="za duzo, too many, too much, a lot of, lots of, cale opakowanie, wszystkie, "
        "whole box, whole bottle, whole pack, whole packet, all my, all her, all his, cala "
        "paczke, cale pudelko, cala fiolke, всю пачку, всю упаковку, цілу пачку, всі таблетки, "
        "все таблетки",
    ),
    # A relapse of what? Of drinking, or of depression ("nawrót depresji").
    concept("relapse", en="relapse", words="nawrot nawrotu relapsed"),
    concept("take", pl="wziąć brać", en="take", east="взяв взял"),
    concept("take_past", pl="wziąć łyknąć", en="take", east="взяв взял", tenses=(PAST,)),
    concept(
        "screen_games",
        pl="komputer komputerowy telefon internet konsola",
        en="computer videogame console internet phone",
        east="комп'ютер компьютер телефон інтернет интернет",
    ),
    concept(
        "party", pl="impreza", en="party", words="imprezach imprezie", east="вечірк тусовк тусов"
    ),
    concept("play", pl="grać gra", en="game gaming", east="грати играть гра игр"),
    concept("stop", pl="przestać", en="stop", east="перестат припин"),
    # --- bereavement -------------------------------------------------------------------------
    concept(
        "died",
        pl="umrzeć zemrzeć zginąć polec utonąć zdechnąć",
        en="die drown",
        words="zmarla zmarl zmarly zmarlo",
        east="помер помл умер умерл загин погиб здох сдох",
        phrases="nie zyje, nie zyja, passed away, was killed, zostal zabity, zostala zabita, "
        "не стало",
        tenses=(PAST,),
    ),
    concept(
        "grief",
        pl="żałoba pogrzeb strata poronienie poronić wdowa wdowiec pochować",
        phrases="pogodzic sie ze smiercia, pogodzic sie ze strata, come to terms with his death, "
        "come to terms with her death",
        en="grief grieve funeral bereavement widow mourning miscarriage bury stillbirth",
        words="miscarried stillborn",
        east="похорон поховал жалоб викид выкид вдов",
        east_words="втрата втрати втрату утрата утраты утрату",
    ),
    concept(
        "kin",
        words="mama mamy mamie mame mamo mamusia mamusi mamuśka",
        pl="matka tata ojciec tato brat siostra syn córka dziecko babcia dziadek "
        "przyjaciel przyjaciółka kolega koleżanka wujek ciocia synek córeczka pies kot",
        en="mother mom mum father dad brother sister son daughter grandmother grandfather friend "
        "grandma grandpa granny aunt uncle cousin dog cat",
        east="мам бать тат брат сестр сина сын доч бабус дідус дедуш друг подруг собак",
        east_words="кот кота кіт кота пес пса песик котика",
    ),
    concept(
        "put_down",
        words="uspilismy uspic uspili uspilam uspilem uspiony uspiona uspienie",
        east="усипил усыпил",
        phrases="put down, put to sleep",
    ),
    concept("vet", pl="weterynarz", en="vet veterinarian", east="ветеринар"),
    # Put down is said of a pet; "uśpić dziecko" is getting a baby to sleep.
    concept(
        "pet",
        pl="pies kot chomik królik piesek kotek",
        en="dog cat pet hamster rabbit",
        east="собак кошк котик песик",
        east_words="кот кота кіт пес пса",
    ),
    concept("passed", pl="odejść", en="pass", east="пішла пішов ушла ушел", tenses=(PAST,)),
    concept("lose", pl="stracić tracić", en="lose", east="втрат втрати потеря потерял"),
    # --- a child's trouble -------------------------------------------------------------------
    concept(
        "school",
        pl="szkoła nauczyciel nauczycielka wagary klasa",
        en="school teacher",
        east="школ вчител учител",
    ),
    concept(
        "missing",
        pl="zaginąć zniknąć zgubić",
        en="missing disappear",
        words="disappeared",
        east="зник пропа",
        phrases="nie wrocil, nie wrocila, nie wrocili, ran away, run away, hasnt come home, "
        "didnt come home, hasnt come back, didnt come back, "
        "не повернув, не повернулась, не повернулася, не вернулся, не вернулась",
    ),
    concept(
        "run_away",
        pl="uciec uciekać",
        en="run",
        east="втік втекл втекти сбежа убежа",
    ),
    concept("home", pl="dom", en="home", words="dim", east="дом дому", east_words="дім"),
    concept(
        "left_alone",
        phrases="zostaly same, zostali sami, zostal sam, zostala sama, sami w domu, same w domu, "
        "sam w domu, left alone, home alone, alone at home",
    ),
    concept(
        "child_trouble",
        pl="autyzm autystyczny zaniedbany zaniedbanie wagarować brudny",
        en="autism autistic neglect neglected adhd bedwetting",
        words="adhd",
        phrases="wets the bed, wetting the bed, moczy sie w nocy, moczenie nocne",
        east="аутизм занедбан заброшен",
    ),
    concept("quarrel", pl="kłócić", en="fight argue", east="свар ссор"),
    # --- mental health -----------------------------------------------------------------------
    concept(
        "mental",
        pl="depresja depresyjny nerwica nerwicowy panika paniczny "
        "psychiatryczny psychoza schizofrenia anoreksja "
        "bulimia bezsenność samotność samotny stres zestresowany załamanie załamany wypalenie "
        "wypalić bezwartościowy bezradny zrozpaczony rozpacz smutek smutny beznadzieja "
        "pustka bezużyteczny koszmar zamartwiać sen przerastać przytłaczać psychicznie psychiczny "
        "martwić "
        "wariować zwariować "
        "rzeczywistość nerwy natrętny natręctwo "
        "trauma "
        "fobia głodzić wyć paranoja urojenie omam halucynacja "
        "wymiotować hipochondria",
        en="mental useless depression depressed anxiety anxious panic anger rage hypochondria "
        "psychosis paranoid paranoia hallucination delusion "
        "schizophrenia anorexia bulimia insomnia crazy insane lonely loneliness stress stressed "
        "breakdown "
        "burnout hopeless worthless sad overwhelmed worry trauma ptsd ocd nightmare "
        "flashback",
        words="depresje depresji panike paniki ataki isolated isolation emocjami emocje angry",
        east="депрес тривог тревог тривож тревож паніч паник психіч психич психоз психологі "
        "психологи шизоф параної паранои галюцин самотн одинок стрес безсон сумую сумн анорекс "
        "булім булим розпач отчая безнад кошмар",
    ),
    concept("anxiety", pl="lęk lękowy"),
    concept(
        "hoarding",
        pl="zbieractwo",
        en="hoarding hoarder",
        east="захламл накопительств",
        phrases="zbiera smieci, znosi smieci, zbiera rzeczy ze smietnika, збирає мотлох, "
        "тащит мусор, собирает мусор",
    ),
    # Washing again and again: compulsions.
    concept("wash", pl="myć umyć", en="wash", east="миє мию моет мою"),
    concept("hands", pl="ręka dłoń", en="hand", east="рук"),
    concept(
        "repeat", words="razy razow times", east_words="разів раз разу", phrases="again and again"
    ),
    concept("fire_risk", phrases="fire hazard, fire risk, zagrozenie pozarowe, пожежна небезпека"),
    # "It wears me out" says how heavy something is, not what: a hint only.
    concept("wears_out", phrases="mnie wykancza, wykancza mnie, it wears me out"),
    # Nobody to talk to is loneliness; a wish to talk, with nothing else said, names no topic.
    # Beliefs that one's mind is read or watched: psychosis, not stalking.
    concept(
        "mind_reading",
        phrases="czyta mi w myslach, czytaja mi w myslach, czyta w moich myslach, reads my mind, "
        "reading my mind, read my thoughts, cherez rozetki, через розетки, через розетку, through "
        "the sockets, przez gniazdka, podsluchuja mnie, подслушивают меня, "
        "читає мої думки, читает мои мысли, читают мысли, "
        "slysze glosy, hear voices, чую голоси, слышу голоса",
    ),
    concept(
        "nobody_to_talk",
        phrases="nie mam z kim porozmawiac, nie ma z kim porozmawiac, nie mam z kim pogadac, "
        "nie mam do kogo sie odezwac, nie mam do kogo ust otworzyc, nie mam do kogo geby otworzyc, "
        " nobody to talk to, no one to talk to, dont know who to "
        "talk to, dont have anyone to talk to, ні з ким поговорити, нема з ким поговорити, "
        "немає з ким поговорити, не с кем поговорить, не з ким поговорити, некому "
        "рассказать, нікому розповісти",
    ),
    concept("alone_child", words="samo same sami samego samej alone"),
    concept("leave_behind", pl="zostawiać zostawić", en="leave", east="залиша оставля"),
    # The writer alone with the children is not the children left alone.
    concept(
        "alone_with",
        phrases="alone with, sama z dziecmi, sam z dziecmi, sama z trojgiem, sama z dwojgiem, "
        "сама з дітьми, сама с детьми",
    ),
    concept("alone", pl="sam samotnie", en="alone", east="сама сам одна один"),
    concept("station", pl="dworzec", en="station", east="вокзал"),
    concept(
        "sleep",
        pl="spać zasnąć przespać nocować",
        en="sleep",
        east="сплю спат спа засн ночу ночев ночув",
    ),
    concept("cry", pl="płakać", en="cry", east="плач плак"),
    concept(
        "feel_bad",
        pl="pusty beznadziejny",
        words="zle okropnie fatalnie beznadziejnie strasznie podle kiepsko ciezko gruba gruby "
        "niewidzialna niewidzialny odrzucona odrzucony zagubiona zagubiony brzydka brzydki "
        "brzydkie",
        en="bad awful terrible low down empty numb horrible miserable fat ugly",
        east_words="погано плохо ужасно жахливо тяжело важко товста товстий толстая толстый",
    ),
    concept("feel", pl="czuć", en="feel", east="почува чувству", east_words="душі душе"),
    concept("talk", pl="porozmawiać pogadać rozmawiać", en="talk", east="поговор поспілк"),
    concept(
        "mental_phrase",
        phrases="i have no one, i have nobody, nie mam nikogo, у мене нікого немає, у меня "
        "никого нет, "
        "objadam sie, objada sie, kontrole nad jedzeniem, binge eating, переїдаю, "
        "объедаюсь, siedze sama, siedze sam, gadam do telewizora, talk to the tv, havent spoken to "
        "anyone, not spoken to anyone, не с кем слово сказать, ні з ким слова сказати, ze jest "
        "gruba, she is fat, shes fat, thinks she is fat, що вона товста, что она толстая, "
        "spojrzec w lustro, patrzec w lustro, look in the mirror, дивитися в дзеркало, "
        "смотреть в зеркало, nikt mnie nie lubi, nobody likes me, no one likes me, ніхто мене не "
        "любить, никто меня не любит, cos zlego sie stanie, something bad will happen, "
        "something terrible will "
        "happen, щось погане станеться, что-то плохое случится, nie moge oddychac, cant "
        "breathe, не можу дихати, не могу дышать, "
        "nikt do mnie nie pisze, nikt do mnie nie dzwoni, nikt sie do mnie nie odzywa, "
        "no one texts me, nobody texts me, nobody calls me, no one calls me, ніхто мені не "
        "пише, никто мне не пишет, jak duch, like a ghost, wszyscy na mnie patrza, everyone is "
        "staring at me, всі на мене дивляться, все на меня смотрят, gadaja za moimi plecami, "
        "make myself throw up, make myself sick, prowokuje wymioty, wywoluje wymioty, "
        "викликаю блювоту, вызываю рвоту, hate my body, hate how i look, hate the way i look, "
        "nienawidze swojego ciala, nienawidze siebie w lustrze, ненавиджу своє тіло, ненавижу "
        "своё тело, ненавижу свое тело, skip meals, pomijam posilki, nie jem zeby schudnac, "
        "hearing things, hear things, seeing things, slysze rzeczy, widze rzeczy ktorych nie "
        "ma, ciagle sprawdzam, keep checking, постійно перевіряю, постоянно проверяю, "
        "nie czuje nic, depresja poporodowa, postpartum "
        "depression, bad day, zly dzien, "
        "kiepski dzien, mysli mi gonia, gonitwa mysli, racing "
        "thoughts, nie moge sie skupic, cant focus, cant concentrate, sama jak palec, sam jak "
        "palec, nic nie czuje, i feel nothing, "
        "нічого не відчуваю, ничего не чувствую, wrak "
        "czlowieka, "
        "wrakiem czlowieka, сердце колотится, серце калатає, zaburzenia odzywiania, eating "
        "disorder, нічого "
        "не радує, ничего не радует, nic "
        "nie "
        "warta, nic nie warty, losing my mind, lose my mind, going mad, trace rozum, "
        "схожу с ума, божеволію, сходжу з розуму, sounds in my head, звуки в голові, звуки в "
        "голове, "
        "nobody understands me, no one understands me, никто меня не понимает, никто не понимает "
        "меня, nikto ne ponimaet menya, ніхто мене не розуміє, vse razdrazhaet, все раздражает, "
        "wszystko mnie irytuje, wszystko mnie wkurza, serce mi kolacze, serce kolacze, burned "
        "out, burnt out, nic mnie "
        "nie cieszy, nic mnie nie obchodzi, nobody cares, no one "
        "cares, nikogo nie "
        "obchodze, "
        "никому не нужна, никому не нужен, нікому не потрібна, нікому не потрібен, "
        "nie chce mi sie nic, nic mi sie nie chce, nikt mnie nie rozumie, "
        "mam dosc wszystkiego, slysze glosy, "
        "serce mi wali, serce wali, "
        "wszyscy mnie obserwuja, wszyscy mnie sledza, everyone is watching me, "
        "все за мной следят, всі за мною стежать, "
        "nie moge wstac z lozka, nie moge sie podniesc z lozka, cant get out of bed, "
        "serce mi kolata, serce kolata, ze zaraz umre, "
        "nic nie ma sensu, nothing makes sense, nothing matters, ніщо не має сенсу, ничего не "
        "имеет смысла, nie wiem co ze soba zrobic, nie mam z kim, can't cope, cant cope, "
        "no energy, "
        "slyszy glosy, hearing voices, hears voices, hear voices, чує голоси, "
        "чую голоси, слышит голоса, слышу голоса, napady paniki, "
        "погано на душі, плохо на душе, нічого не хочу, ничего не хочу",
    ),
    concept(
        "no_strength",
        phrases="nie mam sily, nie mam juz sily, nie mam sil, nie mam juz sil, no energy",
    ),
    concept(
        "cope_not",
        phrases="nie daje rady, nie daje juz rady, nie radze sobie, більше не може, більше не "
        "можу, больше не может, больше не могу, cant take it anymore, cant do this anymore",
    ),
    concept("tired", pl="zmęczyć zmęczony", en="tired exhausted", east="втоми втомл утомл устал"),
    concept("can", pl="móc", en="can", words="cant", east="можу могу"),
    concept("bed", pl="łóżko", en="bed", east="ліжк кроват"),
    concept("eat", pl="jeść", en="eat", east_words="їсти есть"),
    concept("go_out", pl="wyjść wychodzić", en="leave", east="вийти выйти виход выход"),
    # Psychologists and therapists: a hint of mental health, but looking for one with nothing
    # else said is a service search ("szukam psychologa na NFZ").
    concept(
        "therapist",
        pl="psycholog psychiatra psychoterapeuta terapeuta terapia psychoterapia",
        en="psychologist psychiatrist therapist therapy counsellor counselor psychotherapist",
        east="психолог психіатр психиатр психотерап терапевт",
    ),
    concept(
        "look_for",
        pl="szukać poszukiwać zapisać znaleźć namiar potrzebować",
        en="look search find need",
        words="looking searching potrzebny potrzebna",
        east="шукаю шукаєм шукає ищу ищем ищет записат записа потріб нужен нужна нужно",
    ),
    # A doctor looked for is a service search; a doctor who said something is not.
    concept("doctor", pl="lekarz", en="doctor", east="лікар врач"),
    concept(
        "couples",
        phrases="dla par, dla pary, malzenska, malzenskiej, couples, для пар, семейн",
    ),
    concept(
        "recovery_group",
        pl="mityng",
        words="aa mitingi mityngi",
        phrases="anonimowi alkoholicy, anonimowych alkoholikow, alcoholics anonymous, "
        "narcotics anonymous, анонимные алкоголики, анонімні алкоголіки",
    ),
    concept("grass", pl="trawa", en="weed"),
    concept("lightning", words="piorun pioruna piorunem lightning"),
    concept("sober", pl="trzeźwieć wytrzeźwieć trzeźwy", en="sober sobriety"),
    # Russian "бьёт" in Latin letters loses its soft sign ("muzh menya b'et"): not "to bet".
    concept("beats_latin", words="bet bjot byot biet"),
    concept(
        "take_meds",
        phrases="pic leki, pije leki, pic lekarstwa, pije lekarstwa, pic lekow, pije lekow, "
        "pic lekarstw, brac leki, пить лекарства, пьет "
        "лекарства, пити ліки, п'є ліки",
    ),
    # --- other -------------------------------------------------------------------------------
    concept(
        "money_trouble",
        pl="dług zadłużenie komornik parabank pożyczka kredyt czynsz rachunek bieda bezrobotny "
        "wypowiedzenie ubezpieczenie bank socjalny "
        "bezrobocie chwilówka",
        phrases="nie mam z czego zyc, nie mamy z czego zyc, nothing to live on, нема за що "
        "жити, не на что жить, im broke, i am broke, bez pieniedzy, bez grosza, no money, "
        "без грошей, без денег, nie mam za co, nie "
        "mamy za co, nie stac mnie, nie stac nas, cant afford, nie mam "
        "czym zaplacic, нечем платить, "
        "нема чим платити, немає чим платити, не можу собі дозволити, не могу себе позволить",
        en="debt rent bill unemployed electricity",
        east="борг долг кредит оренд аренд безробіт безработ",
    ),
    concept(
        "scam",
        pl="oszust oszustwo oszukać wyłudzić wyłudzenie naciągnąć oszukiwać",
        en="scam scammer fraud fraudster",
        words="scammed defrauded hacked hacker zhakowal zhakowali zhakowane",
        east_words="зламали взломали",
        east="шахра мошен ошука обману обмани",
        phrases="podal sie za, podala sie za, podszyl sie pod, pretended to be, fake bank, "
        "falszywy bank, falszywego konsultanta, wlamal sie na konto, wlamal sie na moje konto, "
        "wlamali sie na konto, hacked my account, kredyt na moje dane, loan in my name, "
        "кредит на моє ім'я, кредит на моё имя, кредит на мое имя, обманули с работой",
    ),
    # Deportation "threatens" in every language: papers, not violence.
    concept(
        "deportation",
        pl="deportacja deportować wydalenie wydalić",
        en="deport deportation",
        east="депорт",
    ),
    concept("pay", pl="płacić zapłacić opłacić", en="pay", east="плати плат"),
    concept("work", pl="praca", en="job work", east="робот работ"),
    concept(
        "homeless",
        pl="bezdomny bezdomność eksmisja noclegownia eksmitować nocleg schronisko",
        en="homeless evict eviction shelter",
        east="бездом виселя высел житл жиль притул приют",
        phrases="nie mam gdzie mieszkac, nie mam gdzie spac, nie mamy gdzie mieszkac, "
        "mieszkam w aucie, mieszkam w samochodzie, living in my car, sleeping in my car, "
        "nowhere to go, nie mam dokad pojsc, нема куди йти, некуда идти, nie mam gdzie sie "
        "podziac, nie mamy gdzie sie podziac, не маю де жити, нет где жить, "
        "nowhere to live, nowhere to sleep, lost my home, place to "
        "sleep, place to stay, "
        "somewhere to sleep, somewhere to stay, ніде жити, негде жить, ніде спати, "
        "негде спать, wlasciciel mieszkania, wynajmujacy, wypowiedzenie umowy najmu, "
        "wypowiedzial najem, kaze nam sie wyprowadzic, kaze mi sie wyprowadzic, landlord, "
        "changed the locks, move out, власник квартири, хозяин квартиры, хозяйка квартиры, "
        "виселяють, выселяют",
    ),
    concept(
        "necessities",
        pl="jedzenie głodny prąd ogrzewanie żywność żywnościowy opał",
        en="food hungry",
        east="їж еда голод",
        east_words="еду їжу їжі еды",
        phrases="нема що їсти, немає що їсти, нечего есть, nie mamy co jesc, nie mam co jesc, "
        "nothing to eat",
    ),
    concept("pregnant", pl="ciąża", en="pregnant pregnancy", east="вагітн беремен"),
    concept(
        "separation",
        pl="rozwód rozstanie rozstać rozwodzić",
        en="divorce breakup",
        east="розлуч развод",
    ),
    concept("leave_me", pl="odejść zostawić", en="leave", east="пішла ушла покину кинув"),
    concept(
        "illness",
        pl="alzheimer demencja rak nowotwór udar opieka chory choroba niepełnosprawny hospicjum "
        "niepełnosprawność opiekunka opiekun leżący wózek",
        phrases="doesnt recognise me, doesnt recognize me, nie poznaje mnie, nie rozpoznaje, "
        "не знає де вона, не знает где она, не впізнає мене, "
        "не узнает меня",
        en="dementia cancer stroke caregiver disabled alzheimer disability wheelchair covid "
        "diagnosis diagnosed hiv aids sclerosis",
        words="covid covidu hiv aids zdiagnozowali zdiagnozowano diagnoza diagnoze",
        east_words="рак рака раком раку віл вич",
        east="інвалід инвалид деменц альцгейм інсульт инсульт хвор онколог догляд доглян уход "
        "опік опек ковід "
        "діагноз диагноз "
        "ковид",
    ),
    concept("care_for", pl="opiekować zajmować", en="care look", east="доглядат догляда ухажива"),
    concept(
        "dismissed",
        pl="zwolnić",
        words="fired sacked",
        east="звільн уволи",
        phrases="fire me, fire him, fire her, fire us, fired me, fired him, fired her",
    ),
    concept(
        "elderly",
        words="starszej starsza starszego starszemu starszym elderly",
        east="старень пожил",
        east_words="престарелых престарелые престарілих літніх",
    ),
    concept(
        "prison",
        pl="więzienie areszt",
        en="prison jail",
        east="вязниц тюрм",
        phrases="police took, policja zabrala, zabrali meza, zabrala go policja",
    ),
    concept(
        "service",
        pl="ośrodek interwencja poradnia prawnik prawny mops pcpr uchodźca uchodźczyni "
        "zasiłek adwokat "
        "wniosek świadczenie dokument tłumacz urząd "
        "alimenty emerytura renta wiza",
        en="lawyer legal refugee benefit document immigration visa permit",
        # Polish "pobytu" in Latin letters is no Russian "побиту" (beaten).
        words="pobyt pobytu pobycie pobytem",
        east_words="захист захисту захисті защита защиты",
        east="юрист юрид адвокат біжен беженц документ оформ пособи",
        phrases="800 plus, 800 плюс, 500 plus, 500 плюс, nie otwiera, z ukrainy, from ukraine, "
        "з україни, с украины, соціальній допомозі, соціальна допомога, социальной помощи, "
        "социальная помощь, pomoc spoleczna, pomocy spolecznej, social assistance, social welfare, "
        "пособие на ребенка, пособием на ребёнка, пособие, пособием, пособия, dom pomocy, "
        "dom opieki, dom seniora, care home, nursing home, "
        "дом престарелых, будинок для літніх, nfz, "
        "domu pomocy, dps, residence card, karta pobytu, karty pobytu, karte pobytu, посвідка "
        "на проживання, вид на жительство, карта побиту, карти побиту, карту побиту, карта побыту, "
        "карты побыту, картой побыту, карту побыту, тимчасовий захист, "
        "временная защита, временной защиты, ochrona czasowa, temporary protection",
    ),
)


@dataclass(frozen=True)
class Cue:
    """A rule over concepts and the crisis type it speaks for, with its weight.

    `negatable` cues do not count when a negation stands right before their words ("nie piję",
    "I don't drink"); `suppresses` names a type this cue rules out ("brat się zabił" is a loss,
    not the writer's suicidal thoughts).
    """

    rule: Rule
    crisis: CrisisType
    weight: float
    negatable: bool = False
    suppresses: CrisisType | None = None
    # The words must lie in one clause ("dzieci, nie wiem co robić" is two).
    same_clause: bool = False


def cue(
    crisis: str,
    slots: str,
    weight: float = FITS,
    *,
    window: int = 4,
    unless: str = "",
    negatable: bool = False,
    suppresses: CrisisType | None = None,
    same_clause: bool = False,
) -> Cue:
    """A Cue from text: the type's value, slots as in `bot.understanding.rule`."""
    name = f"{crisis}:{slots}" + (f" unless {unless}" if unless else "")
    return Cue(
        rule=rule(crisis, slots, window=window, unless=unless, name=name),
        crisis=CrisisType(crisis),
        weight=weight,
        negatable=negatable,
        suppresses=suppresses,
        same_clause=same_clause,
    )


CUES: Final[tuple[Cue, ...]] = (
    # suicidal: the writer's own thoughts, plan or self-harm
    cue("suicidal", "suicide", unless="completed_suicide"),
    cue("suicidal", "kill self", window=3, unless="completed_suicide"),
    cue("suicidal", "cut self", window=2, negatable=True),
    cue("suicidal", "want die_wish", window=3),
    cue("suicidal", "neg want live", window=5),
    cue("suicidal", "think death", window=3),
    cue("suicidal", "end oneself", window=2),
    cue("suicidal", "suicidal_phrase"),
    cue("suicidal", "farewell"),
    cue("suicidal", "no_way_out", HINT),
    cue("suicidal", "rope"),
    cue("suicidal", "buy line_rope", window=3),
    cue("suicidal", "swallow pills", window=4),
    cue("suicidal", "overdose pills", window=4),
    cue("suicidal", "take_past too_much pills", window=6),
    cue("suicidal", "want|self jump", window=3),
    cue("suicidal", "jump high_place|height", window=4),
    cue("suicidal", "hang self", window=3),
    cue("suicidal", "want hang", window=3),
    cue("suicidal", "end|take life", window=3, unless="completed_suicide money_trouble"),
    cue("suicidal", "hurt|harm self", window=2),
    cue("suicidal", "end everything", window=4),
    cue("suicidal", "stockpile pills", window=3),
    cue("suicidal", "think|want overdose", window=3),
    cue("suicidal", "neg want wake", window=5),
    cue("suicidal", "sleep neg wake", window=5),
    cue("suicidal", "want dead", window=4),
    cue("suicidal", "want vanish", window=3),
    cue("suicidal", "want died", window=2),
    cue("suicidal", "sense live|life", window=4),
    cue("suicidal", "want|think take pills", window=6),
    cue("suicidal", "cut veins", window=3),
    cue("suicidal", "cut body", window=3),
    cue("suicidal", "self_burn self", window=2),
    cue("suicidal", "burn_myself"),
    cue("suicidal", "cutting_again"),
    cue("suicidal", "be_on high_place|edge", window=3),
    cue("suicidal", "take_past too_much|pills on_purpose", window=6),
    # violence, against anyone
    cue("violence", "hit", negatable=True, unless="vehicle throw_out lightning"),
    cue("violence", "school hurt", window=5),
    cue("violence", "throw_at"),
    cue(
        "violence",
        "threaten",
        negatable=True,
        unless="homeless money_trouble prison illness throw_out authority school deportation "
        "dismissed",
    ),
    cue("violence", "abuse", negatable=True),
    cue("violence", "control me|partner|money", window=3, negatable=True),
    cue("violence", "lock me", window=2, same_clause=True),
    cue("violence", "partner throw_out", window=4, unless="died death"),
    cue("violence", "follow me", window=2, unless="mind_reading"),
    cue("violence", "hurt me|relative|child", window=3, negatable=True, unless="accident"),
    cue("violence", "kill me", window=2, unless="mental anxiety"),
    cue("violence", "knife"),
    cue("violence", "choke me|partner|relative", window=3),
    cue("violence", "forbid"),
    cue("violence", "image_abuse"),
    cue("violence", "exposure"),
    cue("violence", "post photos", window=3),
    cue("violence", "stalking_phrase"),
    cue("violence", "takes_money"),
    cue("violence", "break_in", unless="water flood scam spending money_trouble"),
    cue("violence", "me_uk beat_plural", window=2),
    cue("violence", "partner|relative me beats_latin", window=3),
    cue("violence", "partner|relative beats_latin", window=2),
    cue("violence", "touch me", window=2),
    cue("violence", "partner|relative touch child|relative", window=3),
    cue("violence", "lie_in_wait"),
    cue("violence", "womens_shelter"),
    cue("violence", "run_away from_person partner", window=3),
    cue("violence", "racism"),
    cue("violence", "take_away passport", window=4),
    cue("violence", "partner ration|check money|spending|papers", window=5),
    cue("violence", "jealous check", window=8),
    # Afraid of him or her: someone close is the danger ("boję się go").
    cue("violence", "afraid_of_him", unless="lose"),
    cue("violence", "partner loan_in_name", window=4),
    cue("violence", "spiked"),
    cue("violence", "partner spy", window=4),
    cue("violence", "robbery"),
    cue("violence", "partner decide_who", window=6),
    cue("violence", "partner body_control", window=4),
    # Someone asking a child or the writer for photos: grooming or sextortion.
    cue("violence", "ask child|me photos", window=3, unless="service"),
    cue("violence", "partner neg give me money", window=5),
    cue("violence", "neg give passport", window=4),
    cue("violence", "grope"),
    cue("violence", "partner|relative take_away papers", window=6),
    cue("violence", "attack", unless="mental anxiety"),
    cue("violence", "fear partner", window=3, unless="about"),
    cue("violence", "scream help_word", window=4),
    cue("violence", "scream", 0.3),
    # A partner shouting or threatening is abuse whatever else is said ("грозит выгнать").
    cue("violence", "partner scream|threaten", window=3, negatable=True),
    # disaster: fire, flood, an accident and its aftermath
    cue("disaster", "fire", unless="dismissed died burnout fire_risk"),
    # A death in a fire is a loss when someone close died, else the fire itself.
    cue("disaster", "fire died", window=8, unless="kin relative child partner lose"),
    cue("disaster", "burn_self self", window=2, unless="alcohol drugs"),
    cue("disaster", "flood"),
    cue("disaster", "storm", unless="child_trouble money_trouble pay"),
    cue("disaster", "smoke building|fire", window=5),
    cue("disaster", "fire home|building", window=3, unless="fire_risk"),
    cue("disaster", "accident", unless="died lose"),
    # A death in an accident is a loss when someone close died, else the accident itself.
    cue("disaster", "accident died", window=8, unless="kin relative child partner lose"),
    cue("disaster", "fall height", window=4),
    cue("disaster", "water building", window=5),
    cue("disaster", "river rise", window=3),
    cue("disaster", "river street|building|home", window=5),
    cue("disaster", "subsidence"),
    cue("disaster", "vehicle overturn", window=6),
    cue("disaster", "knock_down vehicle", window=3),
    cue("disaster", "storm tree", window=8),
    cue("disaster", "tree fall", window=3),
    cue("disaster", "crash_verb vehicle", window=3, unless="died lose"),
    cue("disaster", "injured", HINT),
    cue("disaster", "swallow hazard_object", window=3),
    # A dog bite is an accident and its injury.
    cue("disaster", "bite dog", window=4),
    cue("disaster", "vehicle hit|accident", window=5, unless="died lose"),
    # addiction, own or a relative's
    cue("addiction", "alcohol", negatable=True, unless="take_meds water"),
    cue("addiction", "drugs", negatable=True),
    cue("addiction", "gambling", unless="fire_risk"),
    cue("addiction", "hide bottle", window=4),
    cue("addiction", "relative|partner|kin drinks_latin", window=2),
    cue("addiction", "get_high"),
    cue("addiction", "bets", HINT),
    cue("addiction", "bets money", window=4),
    cue("addiction", "lose_money money", window=3, unless="scam"),
    cue("addiction", "addicted", negatable=True),
    cue("addiction", "relapse", unless="mental illness"),
    cue("addiction", "overdose", 0.7),
    cue("addiction", "overdose", unless="pills sleeping_pills want self died"),
    cue("addiction", "recovery_group"),
    cue("addiction", "neg sober", window=2),
    cue("addiction", "sober", HINT),
    cue("addiction", "burn_self|smoke grass", window=2),
    cue("addiction", "sleeping_pills"),
    cue("addiction", "take too_much", window=3, unless="money scam"),
    cue("addiction", "take something", window=2),
    cue("addiction", "take|pills party", window=5),
    cue("addiction", "lose_money bets", window=3),
    # "nie mogę przestać brać", not "przestał brać leki" (a treatment stopped).
    cue("addiction", "stop take", window=2, unless="pills mental"),
    cue("addiction", "stop play", window=3),
    cue("addiction", "play screen_games", window=8),
    # Shut away and only playing: gaming, more than a child's mood.
    cue("addiction", "neg go_out play", window=8, same_clause=True),
    # bereavement: a death, grief, a miscarriage
    cue("bereavement", "completed_suicide", 1.5, suppresses=CrisisType.SUICIDAL),
    cue("bereavement", "died"),
    cue("bereavement", "grief"),
    cue("bereavement", "dead"),
    cue("bereavement", "death", HINT),
    cue("bereavement", "death relative", window=3),
    cue("bereavement", "death kin", window=2),
    cue("bereavement", "lose relative|child", window=2, unless="work"),
    cue("bereavement", "lose pregnant", window=5),
    cue("bereavement", "kin passed", window=5, same_clause=True, unless="partner home"),
    cue("bereavement", "put_down pet", window=6),
    cue("bereavement", "vet put_down|died", window=8),
    # a child's or teenager's trouble
    cue("child", "school"),
    cue("child", "child_trouble"),
    cue("child", "missing child|relative", window=5, unless="partner"),
    cue("child", "missing", 0.7),
    cue("child", "run_away home", window=3, unless="illness"),
    cue("child", "child left_alone", window=6),
    cue("child", "leave_behind child alone_child", window=5),
    cue("child", "parents scream|quarrel", window=5),
    cue("child", "child alone_child", window=8, unless="alone_with"),
    cue("child", "child neg", window=2, same_clause=True),
    # A child who shuts themself away is a child's trouble, not the writer's mood.
    cue("child", "child neg go_out|talk", window=6, same_clause=True),
    cue("child", "child lock self", window=3),
    cue("child", "child", HINT),
    # mental health: anxiety, panic, depression, loneliness, psychosis, eating
    cue("mental", "mental", negatable=True, unless="single_mother"),
    cue("mental", "therapist", HINT),
    cue("mental", "anxiety", unless="money money_trouble necessities pay illness"),
    cue("mental", "feel alone", window=3),
    cue("mental", "me feel_bad", 0.7, window=2),
    cue("mental", "neg eat", window=1),
    cue("mental", "neg can eat|sleep", window=3),
    cue("mental", "neg bed|go_out", window=4, unless="illness"),
    cue("mental", "burnout"),
    cue("mental", "hoarding"),
    cue("mental", "wash hands repeat", window=6),
    cue("mental", "war scream|in_sleep|wake|dream", window=8),
    cue("mental", "scream in_sleep", window=3),
    cue("mental", "mental_phrase"),
    cue("mental", "no_strength", unless="illness care_for"),
    cue("mental", "fear", 0.7),
    cue("mental", "neg sleep", window=2),
    cue("mental", "cry"),
    cue("mental", "feel feel_bad", window=3),
    cue("mental", "talk", HINT, unless="child"),
    cue("mental", "nobody_to_talk"),
    cue("mental", "mind_reading"),
    cue("mental", "tired", HINT),
    cue("mental", "tired everything|life", window=3),
    cue("mental", "alone", HINT),
    cue("mental", "cope_not", 0.4),
    cue("mental", "wears_out", HINT),
    # other: money, housing, pregnancy, care of a relative, a separation, a service search
    cue("other", "money_trouble"),
    cue("other", "scam"),
    cue("other", "deportation"),
    cue("other", "neg money", window=2),
    cue("other", "neg pay", window=3),
    cue("other", "pay building", window=3),
    cue("other", "work"),
    cue("other", "dismissed"),
    cue("other", "care_for kin|relative", window=6),
    cue("other", "homeless"),
    cue("other", "sleep station", window=4),
    cue("other", "throw_out", window=3),
    cue("other", "necessities"),
    cue("other", "pregnant"),
    cue("other", "single_mother"),
    cue("other", "separation"),
    cue("other", "partner leave_me", window=3),
    cue("other", "illness"),
    cue("other", "prison"),
    cue("other", "elderly kin|relative", window=2),
    cue("other", "service"),
    cue("other", "look_for therapist", window=6),
    cue("other", "look_for doctor", window=4),
    cue("other", "therapist couples", window=3),
)


@cache
def crisis_forms() -> FormTable:
    """The bundled form table of the lexicon's lemmas (loaded once)."""
    with gzip.open(FORMS_PATH, "rt", encoding="utf-8") as handle:
        return parse_table(json.load(handle))
