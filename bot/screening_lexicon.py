"""What the danger screening looks for: concepts in four languages, and the rules combining them.

Written from the tuning files of tests/data/screening (tests/data/screening/README.md says which
they are) and the safe-messaging and crisis-line literature, never from a blind set. Polish and
English entries are lemmas (every inflected form matches, through the Morfeusz-generated form
table: rebuild it with scripts/build_lexicon.py after adding one); Ukrainian and Russian entries
are Cyrillic stems, which also match Latin transliteration.
Concepts say what words mean; rules say which meanings together are a danger.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from bot.understanding.concepts import NUMBER, Concept, concept
from bot.understanding.lemmas import (
    CONDITIONAL,
    FUTURE,
    IMPERATIVE,
    INFINITIVE,
    NOT_IMPERATIVE,
    OTHER,
    PAST,
    PRESENT,
)
from bot.understanding.rules import Rule, rule

CONCEPTS: Final[tuple[Concept, ...]] = (
    # --- people, pronouns, particles ---------------------------------------------------------
    concept(
        "self_obj",
        words="soba myself herself himself themselves yourself",
        east_words="собою собой",
    ),
    concept(
        "me_inst",
        words="mna",
        east_words="мною мной",
    ),
    concept(
        "self",
        pl="się siebie",
        words="sie siebie sobie soba myself herself himself themselves yourself self selfharm "
        "meself",
        east_words="себе себя собі собой собою себя",
    ),
    concept(
        "me",
        words="mnie mi mna nas nam me us mnie",
        east_words="мене мені мною меня мне мной нас нам",
    ),
    concept(
        "i_am",
        pl="być",
        words="im am jestem czuje",
        east_words="я",
        tenses=(PRESENT,),
    ),
    concept(
        "neg",
        words="nie not no never dont doesnt didnt cant cannot wont isnt arent wasnt wouldnt "
        "couldnt hasnt havent hadnt aint nigdy nothing nic nikt",
        east_words="не ні нет ни нема немає нету никогда ніколи",
    ),
    concept(
        "want",
        pl="chcieć pragnąć woleć marzyć zamierzać planować",
        en="want wish rather plan",
        words="wanna gonna going oby obym ready che bout finna",
        east="хоч хоті хоте мрі мечта збира собира",
        east_words="хочу хочеш хоче хочемо хочете хочуть хочешь хочет хотим хотят хочется хочеться",
    ),
    concept(
        "can",
        pl="móc",
        en="can",
        words="cant cannot",
        east="можу могу змож смож",
    ),
    concept(
        "know",
        pl="wiedzieć",
        en="know",
        east_words="знаю",
    ),
    concept("where", words="gdzie where", east_words="де где куди куда"),
    concept("how", words="jak how", east_words="як как"),
    concept("when", words="kiedy when", east_words="коли когда"),
    concept("plan", pl="plan", en="plan", east="план"),
    concept(
        "person",
        pl="mąż partner partnerka chłopak ojciec ojczym brat syn sąsiad ktoś facet "
        "mężczyzna typ konkubent były żona matka",
        en="husband boyfriend partner man guy someone somebody father dad stepfather stepdad ex "
        "neighbour neighbor brother son",
        words="he she hes shes him her they someone on ona",
        east="чолові хтось сусід батьк вітчим хлопец хлопця муж кто-то сосед отец отчим "
        "парень мужчин він вона он она",
    ),
    concept(
        "family",
        pl="rodzina rodzic mama tata matka ojciec żona mąż dziecko syn córka brat siostra "
        "babcia dziadek przyjaciel przyjaciółka kolega koleżanka wujek ciocia kuzyn kuzynka teść "
        "teściowa kumpel kumpela ziomek współlokator partner partnerka",
        en="family parent mum mom mother dad father wife husband child son daughter brother "
        "stepdad stepmom stepmum sister friend grandma grandpa grandmother grandfather granny "
        "uncle aunt cousin roommate flatmate mate buddy boyfriend girlfriend partner",
        words="parents family gf bf bro sis nan",
        east="родин сімʼ сім мам тат бать родител дочь доньк дочк син сын брат сестр друг "
        "подруг дитин ребен ребён бабус бабуш бабц дідус дедуш дедул дядь тітк тетк кузен "
        "кузин двоюрід двоюрод дружин жена сусід сосед",
        east_words="дід діда дідові дед деда деду папа папы папе папу папой",
    ),
    # A parent (or their spouse, former or not) taking a child is a custody matter, not a child
    # taken away ("mąż grozi, że zabierze dzieci").
    concept(
        "parent",
        pl="rodzic mama tata matka ojciec babcia dziadek mąż żona partner partnerka",
        en="parent mum mom mother dad father grandma grandpa husband wife partner ex",
        words="parents",
        east="мам тат бать родител отец папа бабус бабуш дружин колишн бывш",
        # Whole words: "мужчина" and "чоловік" are any man too.
        east_words="муж мужа мужем мужу жена жену женой",
    ),
    concept(
        "child",
        pl="dziecko dzieciak niemowlę niemowlak synek córeczka trzylatek dwulatek czterolatek "
        "pięciolatek maluch bobas uczeń uczennica nastolatek nastolatka siostrzenica "
        "bratanica wnuczka wnuk chłopczyk dziewczynka syn córka",
        en="child kid toddler baby infant teen teenager son daughter girl boy classmate pupil "
        "schoolgirl schoolboy stepdaughter stepson niece nephew grandson granddaughter",
        words="children kids latek latka latki letnia letniej letniego letni gowniarz gowniara "
        "smarkacz smarkula szkrab brzdac pasierb pasierbica",
        east="дитин діти дітей немовл малюк підліт ребен ребён дети детей малыш подрост син "
        "сын донь доч однокласн одноклассн дівчинк хлопчик девочк мальчик мальчишк школяр "
        "школьниц школьник пасин пасын падчер онук онучк внучк племінн племянн",
    ),
    # "Młody", "mała", "малий": a child in slang, but also just "young" or "small" ("mały
    # problem"), so only rules with a physical danger beside them read it as a child.
    concept(
        "kid",
        words="mlody mlodego mlodemu mlodym mloda mlodej mlodsza mlodszy mala malej malego "
        "malemu malym maly malutki malutka malutkie",
        east_words="малий мала малого малої малому малая малой мелкий мелкая мелкого мелкую "
        "малую малыш малявка",
        phrases="little one, lil one, lil bro, lil sis, little brother, little sister",
    ),
    concept(
        "my",
        words="moja moj moje moi mojej my mine",
        east_words="моя мій моє мой моё моя мое",
    ),
    # --- time ------------------------------------------------------------------------------
    concept(
        "recent",
        words="wlasnie",
        east_words="щойно",
        phrases="przed chwila, przed chwilą, godzine temu, godzinę temu, chwile temu, "
        "minut temu, przed godzina, przed godziną, hour ago, minutes ago, just now, right now, "
        "годину тому, час назад, минут назад, только что, hours ago, godziny temu, "
        "godzin temu, часа назад, часов назад, години тому, годин тому, хвилин тому, "
        "минуту назад, хвилину тому",
    ),
    concept(
        "now",
        words="teraz zaraz wlasnie dzis dzisiaj wieczorem jutro now tonight today tomorrow "
        "currently rn",
        east="зараз щойно сьогодн сейчас сегодн завтра",
    ),
    concept(
        "past",
        words="kiedys dawniej dziecinstwie dziecinstwa mlodosci ago childhood formerly "
        "previously kiedys survived przezylam przezylem przezylismy przetrwalismy",
        east_words="колись раніше раньше дитинстві детстве торік пережили вижили выжили",
        phrases="used to, lat temu, lata temu, rok temu, roku temu, miesiecy temu, "
        "miesiace temu, miesiąc temu, miesiac temu, pol roku temu, tygodnie temu, "
        "w zeszlym roku, w zeszłym roku, w ubieglym roku, w ubiegłym roku, przed laty, "
        "w przeszlosci, w przeszłości, years ago, year ago, months ago, last year, as a teen, "
        "last summer, last spring, last winter, last autumn, last fall, zeszłego lata, "
        "zeszlego lata, zeszłej zimy, zeszlej zimy, zeszłej wiosny, zeszlej wiosny, "
        "минулого літа, минулої зими, минулої весни, прошлым летом, прошлой зимой, "
        "прошлой весной, "
        "as a kid, as a child, when i was, in the past, років тому, роки тому, рік тому, "
        "місяців тому, лет назад, год назад, года назад, месяц назад, месяцев назад, "
        "в прошлом году, минулого року, тому назад, last week, week ago, weeks ago, "
        "w zeszlym tygodniu, w zeszłym tygodniu, tydzien temu, tydzień temu, "
        "на прошлой неделе, минулого тижня, неделю назад, тиждень тому, last month, "
        "w zeszlym miesiacu, w zeszłym miesiącu, в прошлом месяце, минулого місяця, "
        "jako nastolatka, jako nastolatek, jako dziecko, jako mala, jako mała, jako maly, "
        "когда мне было, коли мені було, kiedy miałam, kiedy mialam, kiedy miałem, kiedy mialem, "
        "jako mały, dawno temu, long ago, a long time ago, когда то, в юности, в юності, "
        "подростком, підлітком, коли була малою, коли був малим, когда была маленькой, "
        "когда был маленьким, было давно, було давно, as a little girl, as a little boy, "
        "when we were, when he was, when she was, jak bylam mala, jak byłam mała, "
        "jak bylem maly, jak byłem mały, jak bylismy mali, jak byliśmy mali, коли ми були, "
        "когда мы были, w liceum, w gimnazjum, w podstawowce, w podstawówce, in high school, "
        "in middle school, в старших классах, у старших класах, "
        "kiedy byłam nastolatką, kiedy bylam nastolatka, kiedy byłem nastolatkiem, "
        "kiedy bylem nastolatkiem, kiedy byłam dzieckiem, kiedy bylam dzieckiem, "
        "kiedy byłem dzieckiem, kiedy bylem dzieckiem, gdy byłam dzieckiem, gdy bylam dzieckiem, "
        "gdy byłem dzieckiem, gdy bylem dzieckiem, gdy byłam nastolatką, gdy bylam nastolatka, "
        "коли я була дитиною, коли я був дитиною, коли я була підлітком, коли я був підлітком, "
        "когда я была ребёнком, когда я была ребенком, когда я был ребёнком, "
        "когда я был ребенком, когда я была подростком, когда я был подростком, "
        "when i was a kid, when i was a child, when i was a teen, when i was a teenager",
    ),
    concept(
        "yesterday",
        words="wczoraj yesterday",
        east_words="вчора вчера",
        phrases="last night, wczoraj wieczorem, wczoraj w nocy, минулої ночі, прошлой ночью, "
        "вчора ввечері, вчера вечером",
    ),
    concept(
        "resolved",
        pl="ugasić ugaszony",
        en="extinguish",
        words="ugaszony ugaszone ugaszona wywietrzylam wywietrzylem wywietrzone przewietrzylam",
        phrases="put out, aired out, fixed the leak, fixed it, naprawil wyciek, naprawił wyciek, "
        "nobody was hurt, no one was hurt, nobody got hurt, nikt nie ucierpiał, "
        "nikt nie ucierpial, "
        "ніхто не постраждав, никто не пострадал, в безпеці, в безопасности",
        east="погаси потуши провітр проветр полагодил починил устранил усунул",
    ),
    concept(
        "forever",
        words="zawsze forever amen permanently",
        east_words="назавжди навсегда",
    ),
    concept(
        "longer",
        words="dluzej wiecej longer anymore anymor juz",
        east="більш больш довш дольш",
        east_words="вже уже",
        phrases="any more, any longer",
    ),
    concept(
        "any_longer",
        words="dluzej longer anymore anymor",
        east="більш больш довш дольш",
        phrases="any more, any longer",
    ),
    concept(
        "habitual",
        words="czasem czasami sometimes occasionally bywa",
        east_words="іноді інколи иногда порой",
    ),
    concept(
        "animal", pl="pies kot zwierzę", en="dog cat animal", east="собак кіт кот тварин животн"
    ),
    # --- suicidal intent ---------------------------------------------------------------------
    concept(
        "kill",
        pl="zabić zabijać pozabijać wykończyć wykańczać zajebać",
        en="kill murder",
        # "vbie", "ubie": є written "ie" (the official Ukrainian romanisation), which the sound
        # key leaves alone because Polish is full of "ie".
        words="kms unalive unalived unaliving kil vbie vbje ubie",
        east="вби убив уби убит вбит вбив",
        east_words="вбю вбє вбють вбєш убью убьет убьёт убьют убьешь забє забьет забьёт забю забью",
        tenses=NOT_IMPERATIVE,
    ),
    concept(
        "suicide",
        pl="samobójstwo samobójczy samobójca samobój",
        en="suicide suicidal",
        words="samobojcze samobojcza samobojstwa",
        east="самогуб самоубий суїцид суицид",
    ),
    concept("to_die", phrases="to die, wanna die"),
    concept(
        "unalive",
        words="unalive unalived unaliving kms kys sewerslide",
        east="выпилит выпилю выпилис выпилил выпилива випилит випилю випилис випилюв",
        phrases="end it all, off myself, kill myself, long nap, dirt nap, big sleep, mortal coil, "
        "на себе руки, на себя руки",
        east_words="вскрыться вскроюсь вскрылась вскрылся вскрываюсь розкритися",
    ),
    concept(
        "die",
        pl="umrzeć umierać zdechnąć",
        en="die dead",
        east="помер помир помр умер умир умре сдох здох вмер вмир вмре",
    ),
    concept(
        "live",
        pl="żyć istnieć",
        en="live alive exist",
        words="zyc istniec living existing",
        east_words="жити жить жити існувати существовать",
        tenses=(INFINITIVE, OTHER),
    ),
    concept(
        "life",
        pl="życie",
        en="life",
        east="житт жизн",
    ),
    concept(
        "take_life",
        pl="odebrać odbierać",
        en="take",
        east="позбав лиши",
    ),
    concept("empty", pl="pusty", en="empty", east="порожн пуст"),
    concept(
        "sense",
        pl="sens bezsens",
        en="point pointless meaningless reason",
        east="сенс смисл смысл незачем нащо навіщо",
    ),
    concept(
        "end",
        pl="skończyć kończyć zakończyć",
        en="end finish",
        east="покінч поконч скінч законч закінч",
    ),
    concept(
        "all",
        pl="wszystko cały",
        en="all everything whole entire",
        words="wszystkie wszystkich wszystkim it everyone everybody",
        east_words="все всі усі усе всё весь цілу целую всем всім",
    ),
    concept(
        "disappear",
        pl="zniknąć znikać odejść zasnąć zawinąć odpalić spadać odchodzić zejść zwinąć zwijać",
        en="disappear vanish sleep",
        words="dip",
        east="зникн исчезн заснут засну уснут усну",
    ),
    concept(
        "world",
        pl="świat",
        en="world",
        east="світ свет",
    ),
    concept(
        "wake",
        pl="obudzić budzić przebudzić",
        en="wake",
        east="прокин прокид проснут просну просып",
    ),
    concept(
        "farewell",
        pl="żegnać",
        words="zegnajcie zegnaj farewell pozegnanie pozegnania",
        east="прощай прощав прощання прощание",
        tenses=(PRESENT, IMPERATIVE),
    ),
    concept("goodbye", words="goodbye bye nara narka", east="прощай"),
    concept(
        "when_gone",
        phrases="when i'm gone, when im gone, after i'm gone, after im gone, when i am gone, "
        "jak mnie nie bedzie, jak mnie nie będzie, gdy mnie nie bedzie, gdy mnie nie będzie, "
        "kiedy mnie nie bedzie, kiedy mnie nie będzie, когда меня не будет, коли мене не буде, "
        "як мене не буде, когда меня не станет, коли мене не стане",
    ),
    concept(
        "do_it",
        phrases="to zrobie, to zrobię, zrobie to, zrobię to, do it, doing it, зроблю це, "
        "це зроблю, сделаю это, это сделаю",
    ),
    concept("choose", pl="wybrać", en="choose pick", words="which", east="вибра выбра"),
    concept(
        "idiom_die",
        phrases="ze wstydu, ze smiechu, ze śmiechu, z nudow, z nudów, from embarrassment, "
        "of embarrassment, of shame, від сорому, со стыда, со смеху, від сміху, зі сміху, "
        "of boredom, from boredom, со скуки, від нудьги, з нудьги, от смеха, от смеху, "
        "з сміху, from laughing, from laughter, ze strachu, from fear, від страху, от страха, "
        "со страху, з переляку, rather die than, wolałabym umrzeć niż, wolalabym umrzec niz, "
        "wolałbym umrzeć niż, wolalbym umrzec niz, лучше умереть чем, краще померти ніж",
    ),
    concept(
        "come_to",
        phrases="do siebie, до тями, при тямі, в себя, в себе, come to, come round, come around, "
        "в сознание, до свідомості, do przytomnosci, do przytomności",
    ),
    concept("follow", pl="śledzić", en="follow stalk", east="переслід преслед"),
    concept(
        "social",
        pl="instagram facebook",
        en="instagram facebook tiktok twitter",
        words="insta ig fb tiktoku tiktoka instagramie facebooku",
        east="інстагр инстагр фейсбук тікток тикток",
    ),
    concept("stab_in", pl="wbić wbijać", east="встромил воткнул втыка встромля"),
    concept("splinter", pl="drzazga kolec", en="splinter thorn", east="заноз скалк колюч"),
    concept(
        "cpr",
        pl="resuscytacja reanimacja",
        en="resuscitation",
        words="cpr rko",
        phrases="masaz serca, masaż serca, reanimuje, реанімую, реанимирую, непрямой массаж, "
        "масаж серця",
    ),
    concept(
        "paralyse",
        pl="sparaliżować paraliż",
        en="paralyse paralyze",
        words="paralysed paralyzed",
        east="паралізув парализ паралич параліч",
        east_words="отнялась отнялись отнялось відняло відняла віднялася віднялись",
    ),
    concept(
        "leave_behind", pl="zostawić", en="leave", words="left", east="залиши оставил оставила"
    ),
    concept(
        "weights",
        pl="obciążnik ciężarek kamień cegła",
        # Plural only: "losing weight", "a rock concert by the lake" are no means.
        words="weights stones rocks bricks",
        east="грузил каміння камін камен камни цегл кирпич",
    ),
    # "Mnie" (genitive): "zabraknie mnie" is being gone, "zabrakło mi prądu" running out.
    concept("me_gen", words="mnie"),
    # A condition asked about, in the clause of the danger word: "what if he has a seizure".
    concept(
        "if_cond",
        words="if jesli jezeli gdyby",
        east_words="якщо если",
        # "Jak" before a verb of going, calling, telling or leaving is "if" in a threat.
        phrases="jak pójdę, jak pojde, jak pójdziesz, jak pojdziesz, jak zadzwonię, jak zadzwonie, "
        "jak zadzwonisz, jak powiem, jak powiesz, jak komuś powiesz, jak komus powiesz, "
        "jak odejdę, jak odejde, jak odejdziesz, jak zgłoszę, jak zgloszę, jak zgłosisz, "
        "jak zglosisz, як піду, як підеш, як скажу, як скажеш, як подзвоню, як подзвониш, "
        "как пойду, как пойдёшь, как скажешь, как позвонишь",
    ),
    concept(
        "a_little",
        words="troche trochę lekko slightly",
        east_words="немного трохи трішки трошки",
        phrases="a bit, a little, чуть чуть, чуть-чуть, ociupinę, ociupine",
    ),
    concept(
        "bandage", pl="bandaż opatrunek", en="bandage dressing", east="бинт повязк пов'язк повʼязк"
    ),
    # "Zrobiłam to znowu", "опять это сделала": self-harm named as "it".
    concept(
        "did_it",
        phrases="zrobilam to, zrobiłam to, zrobilem to, zrobiłem to, did it, це зробила, "
        "це зробив, зробила це, зробив це, это сделала, это сделал, сделала это, сделал это",
    ),
    concept(
        "injured",
        pl="ranny poszkodowany",
        en="injure wound",
        words="injured wounded hurt",
        east="постраждал постраждав пострадав пострадал поранен ранен травмован",
    ),
    concept(
        "hallucinate",
        pl="halucynacja",
        en="hallucinate",
        words="halucynacje hallucinating hallucinations",
        east="галюцин",
    ),
    concept("find", pl="znaleźć odnaleźć", en="find", east="знайти найти знайд найд"),
    concept(
        "obj_pron",
        words="go jej ja him her them",
        east_words="його її їх его её ее их",
    ),
    # "Jestem na moście", "I'm on the roof": the writer there, not "na dachu jest taras".
    concept("i_first", words="jestem im am", east_words="я"),
    # What people do up on a balcony or a roof on an ordinary day.
    concept(
        "everyday_up",
        pl="kawa herbata naprawiać taras dachówka",
        en="coffee tea repair fix terrace",
        east="кав кофе чай ремонт ремонту чиню лагоджу черепиц терас",
    ),
    concept(
        "ailment",
        pl="przeziębienie grypa gorączka katar kaszel",
        en="cold flu fever cough",
        east="застуд простуд грип грипп температур кашл нежит",
    ),
    concept(
        "hypothetical",
        phrases="na przyszlosc, na przyszłość, z ciekawosci, z ciekawości, just in case, "
        "out of curiosity, на будущее, на майбутнє, на всякий случай, на всяк випадок, "
        "из любопытства, з цікавості",
    ),
    concept(
        "before_me",
        phrases="przed soba, przed sobą, in front of me, переді мною, передо мной, перед собой, "
        "перед собою",
    ),
    concept(
        "nudes",
        words="nudes nudesy nudeski nudesow",
        phrases="nagie zdjecia, nagie zdjęcia, intymne zdjecia, intymne zdjęcia, for pics, "
        "for nudes, голі фото, голые фото, интимные фото, фото без одягу, фото без одежды",
    ),
    concept("healing", pl="goić zagoić", en="heal", east="зажива загою"),
    concept(
        "almost",
        words="prawie almost nearly",
        east_words="ледве чуть",
        # "ледь" sounds like "лёд" (ice): a common word, read only in the phrase.
        phrases="mało nie, malo nie, ледь не, чуть не, чуть было не",
    ),
    concept(
        "last",
        pl="ostatni",
        en="last final",
        east="останн последн",
    ),
    concept(
        "message",
        pl="wiadomość wpis post",
        en="message text post",
        east="повідомл сообщ пост допис",
    ),
    concept(
        "tell",
        pl="powiedzieć przekazać",
        en="tell",
        east_words="скажіть скажи передайте передай скажите",
        tenses=(IMPERATIVE, PRESENT),
    ),
    concept(
        "love",
        pl="kochać",
        en="love",
        east="люблю кохаю любл",
        east_words="любил любила любив кохав кохала",
    ),
    concept(
        "letter",
        pl="list",
        en="letter note",
        east="лист записк письм",
    ),
    concept(
        "farewell_letter",
        pl="pożegnalny",
        en="farewell suicide goodbye",
        east="прощальн предсмертн",
    ),
    concept(
        "write",
        pl="napisać pisać zostawić",
        en="write leave",
        east="написа",
        tenses=(PAST, PRESENT, OTHER),
    ),
    concept(
        "give_away",
        pl="rozdać rozdawać oddać",
        en="give",
        east="роздал роздав раздал разда розда",
    ),
    concept(
        "things",
        pl="rzecz",
        en="thing stuff belonging",
        east="реч вещ",
    ),
    concept(
        "better",
        pl="lepiej lepszy",
        en="better",
        east="краще лучше",
    ),
    concept("without", words="beze without", east_words="без", phrases="w o"),
    concept(
        "be",
        pl="być",
        en="be",
        words="be",
        east_words="буде будет буду було было був была була стане станет",
        tenses=(FUTURE, CONDITIONAL, PAST),
    ),
    concept("here", words="tu tutaj here around", east_words="тут здесь"),
    concept("the_end", pl="koniec", en="over", east="кінец конец"),
    concept(
        "apologise",
        pl="przepraszać przebaczyć wybaczyć",
        en="sorry forgive",
        east="вибач пробач извин",
        east_words="прости простите простіть прощаю",
    ),
    concept("load", pl="naładować", en="load", words="loaded", east="заряди заряд"),
    concept(
        "got",
        pl="dostać oberwać załatwić",
        en="get",
        east_words="дістав дістала достав достал достала",
    ),
    concept(
        "use_drug",
        pl="wciągnąć przyćpać ćpać",
        en="snort",
        words="wciagnalem wciagnelam wciagnal wciagnela",
        east="вмазал ширн нюхну нюхал обнюха нанюха",
    ),
    concept(
        "too_much",
        phrases="za duzo, za dużo, too much, too many, слишком много, занадто багато",
        east="забагат",
    ),
    concept("break_through", pl="załamać zarwać", east="провали провалил"),
    concept("mix", pl="zmieszać mieszać popić", en="mix", east="змішав смешал запив запил"),
    concept("bother", pl="przeszkadzać", en="bother", east="заважа мешат"),
    concept("drunk", pl="pijany", en="drunk", words="drunk", east="п'ян пьян"),
    concept(
        "drive",
        pl="wieźć jechać prowadzić",
        en="drive",
        east="за кермом за рулем",
        phrases="за кермом, за рулем, за рулём",
    ),
    concept(
        "touch",
        pl="dotykać molestować obmacywać",
        en="touch molest grope",
        east="торка трога домага пристає пристаё пристает приставал приставав",
    ),
    concept(
        "deep_water",
        phrases="po pas, po kolana, po szyję, po szyje, up to my waist, up to our waist, по пояс, "
        "по коліна, по колено, по шию",
    ),
    concept("tired", pl="zmęczyć zmęczony", en="tired", east="втоми устал набрид надоел набрыд"),
    # Whole words: "ше" sounds like "ще" (still).
    concept("neck", pl="szyja", en="neck", east_words="шию шея шеи шиї шия шиєю шеей"),
    concept("belt", pl="pasek pas kabel", en="belt cord cable", east="ремін ремен шнур кабел"),
    concept(
        "lighter",
        pl="zapalniczka papieros",
        en="lighter cigarette",
        east="зажигалк запальничк сигарет цигарк",
    ),
    # Whole words: the stem "лед" would also read "ледь", "ледве" (barely).
    concept(
        "ice",
        pl="lód",
        en="ice",
        east_words="лід лёд лед льда льду льдом льдине льдина льоду льодом льоді",
    ),
    concept(
        "shoot",
        pl="strzelać strzelić zastrzelić",
        en="shoot",
        words="shooting shooter",
        east="стріля стреля застрел",
    ),
    concept(
        "alcohol",
        pl="alkohol wódka piwo wino gorzała bimber",
        en="alcohol vodka beer wine booze whiskey",
        words="wodka procenty",
        east="алкогол горілк водк пив вин бухл синьк самогон",
    ),
    concept(
        "decided",
        pl="postanowić zdecydować",
        en="decide",
        east="вирішил решил вирішила решила",
    ),
    # A unit of a dose ("how many mg it takes").
    concept("dose_unit", words="mg mgs milligrams miligram miligramow", east_words="мг"),
    concept(
        "dose_question",
        words="ile",
        east_words="скільки сколько",
        phrases="how many, how much, is it safe, czy moge, czy mogę, чи можна, можно ли",
    ),
    concept(
        "support_group",
        phrases="grupa wsparcia, grupy wsparcia, grupie wsparcia, support group, група підтримки, "
        "групу підтримки, группа поддержки, группу поддержки, po probie, po próbie, "
        "after an attempt, after my attempt",
    ),
    concept(
        "care_pro",
        pl="terapeuta terapeutka psycholog psychiatra terapia",
        en="therapist counselor counsellor therapy psychologist psychiatrist recovery",
        east="психолог психіатр психиатр терапевт терапі терапи",
    ),
    # Common English words a letter away from a danger word ("doing" from "dying", "since" from
    # "синц"): known, so never read as a typo. Polish words have Morfeusz for this.
    concept(
        "common_en",
        words="number numbers since doing being having making coming getting saying trying "
        "looking thinking working really maybe about would could should there their where which "
        "while other another people today week month year years polish english ukrainian russian "
        "line lines helps helped helpful paying pay paid bills bill playing",
    ),
    concept("skates", words="wrotki wrotek"),
    concept(
        "logout",
        pl="wylogować wyrejestrować",
        words="wylogowac wyloguje wylogowuje wyrejestrowac",
        phrases="log off, log out, logging off, logging out",
    ),
    concept("exit", pl="wyjście", en="exit", east="вихід выход вийт выйт виход выхож"),
    concept("obituary", pl="nekrolog", en="obituary", words="obituaries", east="некролог"),
    concept(
        "afterlife",
        words="afterlife zaswiaty",
        phrases="na tamten swiat, na tamten świat, на той світ, на тот свет",
    ),
    concept(
        "go",
        pl="iść pójść wyjść",
        en="go walk head",
        east="ухож уход уйд",
        east_words="піду пойду йду иду іду піти уйти пiти вийти выйти вийду выйду",
    ),
    concept(
        "burden",
        pl="ciężar",
        en="burden",
        east="тягар обуз",
    ),
    concept(
        "nobody",
        pl="nikt",
        en="nobody",
        words="noone",
        east="ніхто никто",
    ),
    concept(
        "notice",
        pl="zauważyć zauważać tęsknić",
        en="notice miss",
        east="поміт замет сумув скуча",
    ),
    concept(
        "absent",
        pl="zabraknąć",
        words="zabraknie zabraknąć",
    ),
    concept(
        "endure",
        pl="wytrzymać znieść wytrwać",
        en="take bear handle cope face",
        words="rady",
        east="витрима выдерж терпі терпе вынес винес",
    ),
    concept(
        "rescue",
        pl="ratować",
        en="save",
        east="рятув спаса",
    ),
    # --- plan and means ------------------------------------------------------------------------
    concept(
        "rope",
        pl="sznur lina pętla stryczek sznurek",
        en="rope noose",
        east="мотуз верёв верев петл",
    ),
    concept(
        "have",
        pl="mieć",
        en="have",
        words="mam",
        east_words="є есть маю",
        tenses=(PRESENT,),
    ),
    concept(
        "prepare",
        pl="przygotować naszykować szykować zbierać uzbierać nazbierać kupić przygotowany odłożyć "
        "odkładać skitrać schować",
        en="prepare save collect buy ready stockpile hoard stash",
        words="przygotowany przygotowana odlozone odlozona odlozyl odlozyla stockpiling hoarding "
        "skitralam skitralem skitrane skitrany",
        east="назбира накопи збира собира приготу підготу купи відклав відкла отложил отлож",
        phrases="put aside, set aside",
    ),
    concept(
        "tie",
        pl="przywiązać zawiązać",
        en="tie",
    ),
    concept(
        "high_place",
        pl="most dach wiadukt tor krawędź barierka balustrada poręcz balkon parapet kładka skarpa "
        "klif "
        "urwisko piętro",
        en="bridge roof ledge track rail railway edge balcony cliff",
        words="tory torach torow",
        east="мост міст дах дах крыш рейк рельс балкон поверх поверс этаж залізниц железнодор "
        "підвіконн подоконн",
        east_words="колія колії колію колією",
        phrases="car park, parking garage, parking deck, multi storey, железную дорогу, "
        "железной дороге",
    ),
    concept(
        "stand",
        pl="stać siedzieć wejść",
        en="stand sit",
        words="jestem im standing sitting",
        east="стою стоїт стоит сижу сиджу",
        east_words="сидит сидить сидять сидят стоять стоїть",
    ),
    concept(
        "jump",
        pl="skoczyć skakać wyskoczyć",
        en="jump",
        east="стрибн стриба прыгн прыга скочу",
    ),
    concept(
        "errand",
        words="sklepu sklep apteki apteka poczty piekarni kiosku shop store",
    ),
    concept(
        "hang",
        pl="powiesić wieszać",
        en="hang",
        east="повіси повеси повіш повеш вздерн вздёрн",
    ),
    concept("throw", pl="rzucić", en="throw", east="кину кинут брошу бросит"),
    concept("under", words="pod under", east_words="під под"),
    concept(
        "vehicle",
        pl="pociąg samochód auto tramwaj ciężarówka autobus łódka łódź kajak ponton",
        en="train car bus truck boat canoe kayak",
        east="потяг поїзд поезд машин трамва човен човн лодк катер",
    ),
    concept(
        "gun",
        pl="pistolet broń strzelba rewolwer spluwa gnat",
        en="gun pistol rifle shotgun",
        east="пістолет пистолет зброя оружи рушниц ружь",
        east_words="ствол стволом обріз обрез пушка пушку волына волыну",
    ),
    concept(
        "rails",
        pl="tor torowisko",
        en="track railway rail",
        words="tory torach torow tracks",
        east="рейк рельс залізниц железнодор",
        east_words="колія колії колію рельсы",
    ),
    concept("train", pl="pociąg", en="train", east="потяг поїзд поезд электричк електричк"),
    concept(
        "travel",
        pl="bilet remont opóźnienie peron rozkład",
        en="ticket delay platform timetable",
        east="квит билет розклад расписан затрим задерж",
    ),
    concept(
        "chase",
        pl="gonić ścigać",
        en="chase",
        east="женуть женеться гонит гонят гнались",
    ),
    concept(
        "garage",
        pl="garaż",
        en="garage",
        east="гараж",
    ),
    concept(
        "engine",
        pl="silnik spaliny wydech",
        en="engine exhaust motor",
        east="двигун двигат мотор вихлоп выхлоп",
    ),
    concept(
        "thought_through",
        pl="przemyśleć zaplanować",
        en="planned",
        words="przemyslane zaplanowane",
        east="продума",
    ),
    concept(
        "razor",
        pl="żyletka",
        en="razor blade",
        east="лезв бритв",
        east_words="лезо лезом",
    ),
    # --- self-harm ----------------------------------------------------------------------------
    concept(
        "cut",
        pl="pociąć ciąć ponacinać naciąć nacinać okaleczyć okaleczać podciąć przypalić "
        "samookaleczenie samookaleczać",
        en="cut slit",
        words="tne tniesz ciachnelam ciachnalem ciachnela ciachnal ciachac ciacham ciachnac "
        "ciachne ciachalam ciachalem ciachala ciachal ciacha ciachnelas",
        east="поріз порез ріж реж різа реза режу ріжу",
    ),
    concept(
        "body",
        pl="ręka żyła nadgarstek udo ramię skóra noga",
        en="wrist arm vein thigh skin hand leg",
        east="рук вен вени зап'яст стегн",
        east_words="руки руку рука",
    ),
    concept("harm", pl="krzywda", en="hurt harm", east="шкод вред"),
    concept(
        "burn",
        pl="przypalić poparzyć oparzyć",
        en="burn",
        east="обпек обжег припек обожгл обпекл обпік прижиг прижеч припал",
    ),
    concept("sh", words="sh selfharm"),
    concept("relapse", en="relapse", words="relapsed relapsing nawrot"),
    concept("stitches", en="stitch", words="stitches szwy szwow szyc", east="шви швы зашив"),
    concept(
        "grooming",
        pl="włos grzywka golić golenie paznokieć",
        en="hair fringe bangs nail shave shaving",
        east="волос чолк нігт ногт бри",
    ),
    concept(
        "purpose",
        words="specjalnie celowo purpose deliberately zeby",
        east="навмисн специальн нарочн",
    ),
    concept("head", pl="głowa łeb czaszka", en="head skull", east="голов череп башк"),
    concept(
        "broken",
        pl="rozwalić rozbić rozciąć pęknąć złamać",
        en="split crack bust break",
        words="busted cracked split",
        east="розбит разбит пробит проломл розбил разбил злама слома",
    ),
    concept("wall", pl="ściana", en="wall", east="стін стен"),
    concept(
        "blood",
        pl="krew krwawić krwawiący",
        en="blood bleed bleeding",
        east="кров кровот",
    ),
    concept("haemorrhage", pl="krwotok", en="haemorrhage hemorrhage", east="кровотеч"),
    concept(
        "stop",
        pl="przestać zatamować tamować zatrzymać ustać",
        en="stop",
        east="зупин останов перестан",
        east_words="перестати перестать перестала перестав перестал перестали",
    ),
    concept(
        "much",
        pl="mocno dużo bardzo głęboko głęboki wszędzie",
        en="lot much badly heavily everywhere deep",
        words="caly cala cale",
        east="сильн багат много глибок глубок повсюд везде",
    ),
    # --- overdose, poisoning -----------------------------------------------------------------
    concept(
        "pills",
        pl="tabletka pigułka lek lekarstwo proch listek opakowanie paracetamol ibuprofen apteczka",
        en="pill tablet med medication medicine paracetamol xanax bottle tylenol advil aspirin "
        "antidepressant painkiller",
        words="meds tabletki leki tabletek lekow tabsy tabsow tabsami tabs tabsa tabse ibuprom "
        "ibupromu insulina insuliny insuline insulin "
        "przeciwbolowe przeciwbolowych "
        "apap apapu nasenne nasennych antidepressants tramadol tramadolu oxy oxys oxycodone "
        "codeine kodeina kodeiny diazepam valium sertraline amitriptyline adderall",
        east="таблет пігул лік лікі лекарств колес колёс пачк упаков снотворн снодійн антидепрес "
        "аптечк "
        "знеболюв обезболив "
        "парацетам ибупроф ібупроф інсулін инсулин",
    ),
    concept(
        "take_past",
        pl="wziąć połknąć łyknąć zażyć wypić zjeść wrzucić nałykać",
        en="take swallow pop eat drink",
        east="випил випив наковта ковтну проковт выпил выпила наглота проглот ковтнул взяв взял "
        "закинув закинул закинулс закинувс наїл наел наелс",
        tenses=(PAST,),
    ),
    concept(
        "take",
        pl="wziąć brać połknąć łyknąć zażyć wypić",
        en="take swallow",
        east="вип'ю выпью випю",
        tenses=(FUTURE, INFINITIVE, PAST),
    ),
    concept(
        "swallow_strong",
        pl="połknąć nałykać przedawkować",
        en="overdose",
        words="overdosed przecpal przecpala przecpalem przecpalam przycpal przycpala przycpalem "
        "przycpalam przecpany przecpana",
        east="наковта наглота передоз",
    ),
    concept(
        "many",
        pl="dużo mnóstwo kilkanaście kilkadziesiąt garść opakowanie paczka listek",
        en="lot bunch handful bottle pack packet",
        words="many whole",
        east="багато много купу жмен горст пачк упаков забагат",
    ),
    concept(
        "poison",
        pl="otruć truć zatruć trucizna zatrucie czad",
        en="poison",
        east="отру отрав чадн угарн",
        phrases="carbon monoxide",
    ),
    concept("food", pl="pokarmowy jedzenie", en="food", east="харчов пищев"),
    concept("something", words="something cos cosik", east_words="щось", phrases="что то"),
    concept("party", pl="impreza", en="party", east="вечірк тусов тусн"),
    concept(
        "chemical",
        pl="chemia wybielacz domestos płyn rozpuszczalnik kret amoniak benzyna",
        en="bleach detergent cleaner chemical antifreeze dishwasher pod methanol",
        words="denaturat denaturatu metanol metanolu udrazniacz udrazniacza",
        phrases="средство для труб, засіб для труб, drain cleaner, płyn do rur, plyn do rur",
        east="отбелив відбілюв чищен хімі химич миюч антифриз оцет уксус миття мытья склоочис "
        "омивач омыват стеклоомыв незамерз оцтов "
        "уксусн есенц эссенц",
    ),
    concept(
        "object_swallowed",
        pl="bateria magnes moneta",
        en="battery magnet coin",
        east="батарей магніт магнит монет",
    ),
    # --- violence ------------------------------------------------------------------------------
    concept(
        "hit",
        pl="bić pobić uderzyć uderzać kopać kopnąć tłuc katować szarpać spoliczkować zbić lać",
        en="hit beat punch kick slap smash",
        words="bie bje byje byie bjye",
        east="вдари удари бий избива избил избив",
        east_words="бє бьє бьет бьёт бить бив бил бьют бють бивав бил бюся бьюсь бьюся",
    ),
    concept(
        "hit_now",
        pl="bić tłuc katować szarpać",
        words="bie bje byje byie bjye",
        tenses=(PRESENT,),
        east_words="бє бьє бьет бьёт бьют бють",
    ),
    concept(
        "choke",
        pl="dusić udusić podduszać zakrztusić zadławić dławić krztusić",
        en="choke strangle",
        east="душит душив душил задуш подавил подавл",
    ),
    concept(
        "threaten",
        pl="grozić zagrozić",
        en="threaten",
        east="погрож угрож",
    ),
    concept(
        "legal",
        pl="kara eksmisja zwolnienie mandat grzywna komornik więzienie deportacja przepis",
        en="fine eviction penalty deportation law legal illegal allowed",
        east="закон",
    ),
    concept(
        "weapon",
        pl="nóż siekiera pistolet broń maczeta tasak rewolwer strzelba kij pałka kosa spluwa gnat",
        en="knife gun axe weapon machete pistol rifle bat crowbar hammer",
        east="ніж нож сокир топор пістолет пистолет зброя оружи бита битой палк молот мачет волын",
        east_words="ствол стволом обріз обрез битами бітами битою бітою біта біти",
    ),
    concept(
        "cooking",
        pl="kroić ostrzyć kuchnia cebula chleb warzywo obiad sałatka gotować mięso",
        en="cook cooking kitchen onion bread salad vegetable sharpen chop",
        east="овоч салат борщ кухн наточ заточ риб рыб",
        east_words="хліб хлеб хліба хлеба хлібом хлебом",
    ),
    concept(
        "attack",
        pl="zaatakować atakować napaść napadać wymachiwać",
        words="swinging waving brandishing wielding",
        en="attack assault",
        east="напав напал атаку",
    ),
    concept(
        "break_in",
        pl="włamywać włamać wyważać wyważyć dobijać wdzierać",
        en="break",
        east="ломит вламыв вломи выбива вибива",
    ),
    concept("into", words="into in", east_words="в у"),
    concept(
        "door",
        pl="drzwi mieszkanie dom okno szyba",
        en="door flat house apartment home window",
        east="двер вікн окн",
    ),
    concept(
        "rape",
        pl="zgwałcić gwałcić gwałt",
        en="rape",
        east="зґвалт згвалт изнасил",
    ),
    concept(
        "night",
        pl="noc",
        en="night",
        east="ночь вноч ночью ночі",
        east_words="ніч вночі уночі ніччю",
        words="tonight",
    ),
    concept(
        "stab",
        pl="dźgnąć zadźgać ugodzić",
        en="stab",
        east="пырнул зарізат зарезат",
        phrases="got shot, been shot, shot me, shot him, shot her, dostalam nozem, "
        "dostałam nożem, dostal nozem, dostał nożem, dostalem nozem, dostałem nożem",
    ),
    concept("panic", pl="panika", en="panic", east="паніч панич панік паник"),
    concept(
        "news",
        en="news radio",
        words="tv wiadomosciach telewizji slyszalam slyszalem radiu",
        east="новин новост",
    ),
    concept(
        "fine_now",
        phrases="seems fine, seem fine, is fine now, all good now, wszystko dobrze, "
        "jestem czysta, jestem czysty, i'm clean, im clean, i am clean, я чиста, я чистий, "
        "я в завязке, в ремиссии, в ремісії, "
        "wszystko w porządku, wszystko w porzadku, już dobrze, juz dobrze, все добре, ok now, "
        "okay now, fine now, wszystko ok, all ok, все ок, все норм, "
        "все хорошо, все в порядке, уже дома, вже вдома, już lepiej, juz lepiej, feeling better, "
        "уже лучше, вже краще, czuje się dobrze, czuje sie dobrze, feels fine, feels ok, "
        "почувається добре, чувствует себя хорошо, чувствует себя нормально, "
        "bawi się normalnie, bawi sie normalnie, playing normally, грається нормально, "
        "играет нормально, он в порядке, она в порядке, він в порядку, вона в порядку, "
        "jest w porządku, jest w porzadku, he's fine, she's fine, he is fine, she is fine, "
        "he's ok, she's ok, he's okay, she's okay, "
        "nic mu nie jest, nic jej nie jest, nic im nie jest, з ним все гаразд, з нею все гаразд, "
        "с ним всё в порядке, с ней всё в порядке, he's not hurt, she's not hurt, "
        "я в порядке, я в порядку, jestem w porządku, jestem w porzadku, pulled through, "
        "wyszedł z tego, wyszedl z tego, wyszła z tego, wyszla z tego, выкарабкался, "
        "выкарабкалась, викарабкався, викарабкалась",
    ),
    concept("morning", pl="rano", en="morning", east="ранок утро"),
    concept("see", pl="zobaczyć", en="see", east="побач увид"),
    concept(
        "idiom_subject",
        pl="egzamin praca robota upał nauka szkoła sesja serial film nuda kolejka deszcz "
        "pogoda szef kredyt dług papierkowy remont przeprowadzka trening korek termin "
        "siłownia zakwasy wypalenie kac zmiana",
        en="exam work job heat test homework school week traffic show series boss hangover shift "
        "paperwork debt email workout gym burnout deadline commute humidity",
        words="paperwork emails finansowo financially",
        phrases="leg day, arm day, chest day",
        east="іспит екзамен робот спек экзамен работ жар сесі сессі сесси борг долг черг очеред "
        "тренуван тренировк вигоран выгоран дедлайн начальн шеф",
    ),
    concept(
        "joke",
        pl="żart żartować",
        en="joke kidding",
        words="haha hahaha lol xd xdd lmao hehe jk focha foch",
        east_words="ха хахаха ахах ахаха",
        # Said in anger and taken back in the same message.
        phrases="просто эмоции, просто емоції, to tylko emocje, just venting, just emotions, "
        "просто злюсь, просто злюся, nie na serio, not seriously, не всерьёз, не всерйоз",
        east="хаха жарт шучу",
    ),
    concept(
        "fiction",
        pl="film serial książka artykuł dokument gra prewencja zapobieganie profilaktyka "
        "szkolenie wykład statystyka magisterka licencjat referat",
        en="movie film documentary show series book article prevention training lecture game "
        "project statistics thesis essay research spoiler finale episode thriller novel villain",
        words="minecraft roblox fortnite sims gta spoil spoils spoiled spoilers",
        east="фільм фильм серіал сериал книг профілакт профилакт статист курсов диплом реферат",
        east_words="грі грою игре рейд рейде статья статью статье статті стаття статтю "
        "доте доті дота дотці катку катка катке кс раунд раунде",
    ),
    concept(
        "sport",
        pl="wspinaczka ścianka wspinać żagiel holowniczy strzelnica boks trening sparing gol "
        "bramka mecz piłka koszykówka wędka wędkarstwo",
        en="climbing climb sailing tow range hunting boxing sparring goal match football soccer "
        "basketball hoop fishing rod trampoline",
        words="holownicza holowniczej holowania",
        east="тир полюван охот бокс футбол баскетбол риболов рыбалк вудк удочк",
        east_words="гол голи голы матч",
    ),
    concept(
        "away",
        pl="urlop wakacje wyjazd odezwać wracać praca delegacja szkoła",
        en="vacation holiday trip work office school",
        east="відпуст отпуск робот работ",
    ),
    concept(
        "heart",
        pl="serce",
        en="heart",
        east="серц сердц",
    ),
    # --- a child in danger ---------------------------------------------------------------------
    concept(
        "missing",
        pl="zaginąć zniknąć zgubić",
        en="missing disappear",
        east="зник пропа загубил заблук потерял",
    ),
    concept(
        "return",
        pl="wrócić wracać",
        en="return",
        east="поверн верну поверта возвраща",
        phrases="come home, came home, come back, came back, coming home, been home",
    ),
    concept("alone", pl="sam", en="alone", east_words="сам сама одна один одне само"),
    concept(
        "trapped_child",
        pl="zamknięty auto samochód upał płakać",
        en="car locked heat cry crying",
        words="dni dnia days",
        east="машин плач авто",
    ),
    concept(
        "fall",
        pl="wypaść spaść wpaść",
        en="fall",
        east="випал выпал впав упал злетіл злетів слетел вилетіл вилетів вылетел",
    ),
    concept(
        "window",
        pl="okno balkon lód piętro",
        en="window balcony ice",
        east="вікн окн балкон",
        east_words="лід лёд лед льда льду льдом",
    ),
    concept(
        "abduct",
        pl="ciągnąć porwać uprowadzić wciągać",
        en="drag grab abduct kidnap",
        east="тягн викра похит тащ",
    ),
    concept("shake", pl="potrząsać potrząsnąć", en="shake", east="трус тряс"),
    # --- medical -----------------------------------------------------------------------------
    concept(
        "breathe",
        pl="oddychać oddech dech",
        en="breathe breath breathing",
        east="дих дыш дыха дыши дише диха дихає",
    ),
    concept("gasping", east="задих задых", en="gasp"),
    concept(
        "barely",
        words="ledwo slabo wolno barely hardly slowly",
        east="ледве ледва еле",
        # "ледь" is a common word (it sounds like "лёд"): read as a one-word phrase.
        phrases="ледь",
    ),
    concept(
        "unconscious",
        pl="nieprzytomny zemdleć omdleć półprzytomny",
        en="unconscious unresponsive faint",
        words="polprzytomny polprzytomna",
        east="знепритом непритом",
        east_words="відключився відключилась отключился отключилась вирубився вирубилась "
        "вырубился вырубилась вирубило вырубило зомлів зомліла",
        phrases="passed out, pass out, blacked out, out cold, keeled over",
    ),
    concept("conscious", pl="przytomność", en="consciousness", east="свідом сознан"),
    concept("lose", pl="stracić tracić", en="lose", east="втрат потер"),
    concept(
        "react",
        pl="reagować kontaktować ruszać ocucić dobudzić odpowiadać",
        words="docucic docucenia docucic ocucic dobudzic",
        en="respond move",
        east="реагу руха ворушит шевел відповіда отвеча",
    ),
    concept("messages", pl="wiadomość telefon", en="message phone", east="повідомл сообщ телефон"),
    concept(
        "seizure",
        pl="drgawka",
        en="seizure convulsion",
        words="drgawki",
        east="судом судорог",
    ),
    concept(
        "heart_attack",
        pl="zawał udar",
        en="stroke",
        east="інфаркт инфаркт інсульт инсульт",
        phrases="heart attack, хватил удар, хватит удар, вхопив удар, udar go trafil, "
        "udar ją trafił, udar go trafił, udar ja trafil",
        words="wylew wylewu wylewem",
    ),
    concept(
        "pain",
        pl="ból boleć",
        en="pain hurt",
        words="bil bol",
        east="біль боль болит болить",
    ),
    concept("born", pl="urodzić", en="born", east="народи родил"),
    concept(
        "with_this",
        phrases="z tym, z tą, z ta, z tymi, with this, with these, с этим, с этой, з цим, з цією",
    ),
    concept(
        "spike",
        pl="dosypać",
        en="spike",
        words="spiked drugged",
        east="підсипа подсыпа",
    ),
    concept(
        "not_hit",
        phrases="nie bije, nikogo nie bije, nigdy nie bije, doesn't hit, doesnt hit, never hits, "
        "не бьет, не бьёт, не б'є, нікого не б'є, никого не бьет",
    ),
    concept(
        "decor",
        pl="obraz zdjęcie firanka plakat zasłona",
        en="painting picture photo curtain poster",
        east="картин фото штор",
    ),
    concept(
        "under_care",
        phrases="pod opieka, pod opieką, in treatment, under care, на лікуванні, на лечении, "
        "u psychiatry, u psychologa, u terapeuty, chodzi na terapie, chodzi na terapię, "
        "chodzi do psychologa, in therapy, sees a therapist, seeing a therapist, на терапии, "
        "на терапії, у терапії, ходит к психологу, ходить до психолога",
    ),
    concept("shock", pl="porazić porażenie", en="electrocute", words="electrocuted", east="ударил"),
    concept("current", pl="prąd", en="electric", east="струм ток"),
    concept(
        "swell",
        pl="puchnąć spuchnąć obrzęk",
        en="swell",
        words="swelling swollen",
        east="набряк отека опух розпух распух припух",
    ),
    concept("foam", pl="piana", en="foam", words="foaming", east="піна пена піною пеной"),
    concept("pity", pl="szkoda", en="pity shame", east="шкода жаль"),
    concept("report", pl="zgłosić", en="report", east="поскаржит пожалова"),
    concept("muscle", pl="mięsień zakwasy", en="muscle sore", east="мышц м'яз мяз"),
    concept(
        "talk_about",
        phrases="talk about, talk to, rozmawiać o, rozmawiac o, porozmawiać o, porozmawiac o, "
        "jak rozmawiać, jak rozmawiac, how to talk, поговорить о, поговорити про, говорити про",
    ),
    concept(
        "double_dose",
        words="podwojna podwojnie",
        phrases="double dose, twice the dose, подвійну дозу, двойную дозу, подвійна доза",
    ),
    concept(
        "run_away",
        pl="uciec uciekać",
        phrases="ran away, run away, runs away, ran off, wandered off, got out of the yard, "
        "got out of the garden, got out the gate, got out of the gate",
        east="втік втекл втект сбежал убежал вибіг вибігл выбежал выбежа",
    ),
    concept(
        "stranger",
        pl="dorosły obcy nieznajomy typ",
        en="stranger adult weirdo creep pervert paedophile pedophile",
        words="zboczeniec zboczek zboczka pedofil pedofila",
        east="дорослий взросл незнайом незнаком чужий чужой збоченц збочен извращен педофил",
        east_words="типом типа тип",
        # Met online: "z internetu", "from discord".
        phrases="z internetu, z neta, from the internet, from online, from discord, from snapchat, "
        "з інтернету, из интернета, из инета",
    ),
    # Someone met in a game or an app: a game named here is where they met, not what is played.
    concept(
        "met_online",
        phrases="friend from roblox, friend from minecraft, friend from fortnite, "
        "friend from discord, "
        "friend from tiktok, friend from instagram, friend from snapchat, guy from roblox, "
        "man from roblox, guy from discord, man from discord, someone from roblox, "
        "someone from discord, kolega z robloxa, kolegą z robloxa, znajomy z robloxa, "
        "znajomym z robloxa, kolega z discorda, znajomy z discorda, znajomym z tiktoka, "
        "друг из роблокса, другом из роблокса, друг з роблоксу, другом з роблоксу, "
        "друг из дискорда, другом из дискорда, друг з діскорду",
    ),
    concept(
        "get_in",
        pl="wsiąść wsiadać",
        phrases="get in, get into, сесть к нему, сісти до нього, сесть в машину, сісти в машину, "
        "сесть к ним, сісти до них, к себе в машину, до себе в машину, do swojego auta, "
        "do swojego samochodu, into his car, into his van",
    ),
    concept(
        "phone_off",
        phrases="wyłączony telefon, wylaczony telefon, telefon wyłączony, telefon wylaczony, "
        "phone is off, phone off, phone is dead, телефон вимкнений, вимкнений телефон, "
        "телефон выключен, выключен телефон, телефон выключен, выключенный телефон, "
        "телефон вырублен, вырубила телефон, вырубил телефон, выключила телефон, "
        "выключил телефон, вимкнула телефон, вимкнув телефон, phone switched off, "
        "phone's off, phones off, switched her phone off, switched his phone off, "
        "wyłączyła telefon, wylaczyla telefon, wyłączył telefon, wylaczyl telefon",
    ),
    concept("meet", pl="spotkanie spotkać", en="meet", east="зустріч встреч"),
    concept(
        "crack", pl="pęknąć trzasnąć", en="crack", words="cracked", east="тріснув треснул тріщ трещ"
    ),
    concept("human", pl="człowiek", en="man person", east="людин челов"),
    concept(
        "storm",
        pl="burza wichura huragan nawałnica trąba",
        en="storm tornado hurricane",
        east="буря бур ураган смерч шторм",
    ),
    concept("tear_off", pl="zerwać", en="rip tear", words="ripped torn", east="зірва сорва"),
    concept("hide", pl="chować ukrywać schować", en="hide", east="хова пряч схова спряч"),
    concept(
        "hide_place",
        pl="łazienka szafa toaleta spiżarnia piwnica",
        en="bathroom wardrobe closet toilet",
        east="ванн шаф туалет комор",
    ),
    concept(
        "someone",
        words="ktos ktoś someone somebody",
        east_words="хтось",
        phrases="кто то, хтось чужий",
    ),
    concept(
        "inside",
        words="inside",
        phrases="w srodku, w środku, всередині, внутри, в середині, trapped inside",
    ),
    concept(
        "crash",
        pl="wypadek karambol zderzenie kraksa dachować",
        en="crash accident pileup collision wreck overturn",
        words="crashed overturned flipped",
        east="авар дтп зіткн столкн перевернул перекинул",
    ),
    concept("smoke_verb", pl="dymić kopcić", words="smoking", east="димит дымит дымящ"),
    concept(
        "heart_race",
        pl="walić kołatać",
        en="pound race",
        words="pounding racing",
        east="колотит колотится калата стукоч",
    ),
    concept(
        "shake_body",
        pl="trząść telepać",
        en="shake convulse twitch jerk",
        words="shaking convulsing twitching jerking",
        east="трус тряс трясе трясё тіпа",
    ),
    concept(
        "eyes_roll",
        phrases="oczy w slup, oczy w słup, eyes rolled, eyes rolling, eyes rolled back, "
        "закатил глаза, закатились глаза, глаза закатились, закотив очі, очі закотились",
    ),
    # "To było dziesięć lat temu": a clause that looks back on the sentence's other clauses.
    concept(
        "looking_back",
        phrases="to bylo, to było, it was, that was, this was, it happened, это было, це було, "
        "було це, было это, to sie stalo, to się stało, "
        "kiedy byłam nastolatką, kiedy bylam nastolatka, kiedy byłem nastolatkiem, "
        "kiedy bylem nastolatkiem, kiedy byłam dzieckiem, kiedy bylam dzieckiem, "
        "kiedy byłem dzieckiem, kiedy bylem dzieckiem, gdy byłam dzieckiem, gdy bylam dzieckiem, "
        "gdy byłem dzieckiem, gdy bylem dzieckiem, gdy byłam nastolatką, gdy bylam nastolatka, "
        "коли я була дитиною, коли я був дитиною, коли я була підлітком, коли я був підлітком, "
        "когда я была ребёнком, когда я была ребенком, когда я был ребёнком, "
        "когда я был ребенком, когда я была подростком, когда я был подростком, "
        "when i was a kid, when i was a child, when i was a teen, when i was a teenager",
    ),
    concept(
        "fear",
        pl="bać przerażony przestraszony",
        en="afraid scared terrified",
        words="boje boi boimy",
        east="боюс боїт боит боим страшн",
    ),
    concept(
        "thanks",
        pl="dziękować",
        en="thank thanks",
        words="dzieki dzieks dziekuje thx ty",
        east="дяку спасиб благодар",
    ),
    # "Зараз їй набагато краще": better now, in one clause (read in bot.screening).
    concept(
        "now_state",
        words="teraz obecnie now currently",
        east_words="зараз сейчас тепер теперь нині ныне",
    ),
    concept("vomit", pl="wymiotować", en="vomit", words="vomiting", east="блю рвет рвота блюв"),
    concept("bruise", pl="siniak", en="bruise", words="bruises bruised", east="синц синяк"),
    concept(
        "road",
        pl="droga ulica jezdnia autostrada",
        en="road highway street motorway",
        east="дорог трас шосе улиц вулиц",
    ),
    concept(
        "rattle",
        pl="charczeć rzęzić",
        en="gurgle wheeze",
        words="charczy charczenie rzezi gurgling wheezing",
        east="хрип",
    ),
    concept(
        "day",
        pl="dzień wieczór",
        en="day evening",
        east="день днем вечір вечер",
        east_words="день дня дні дней",
    ),
    concept(
        "take_away",
        pl="zabrać",
        # English "take" alone is any taking ("my son takes pills"): only taking a person.
        phrases="take her, took her, taking her, take him, took him, taking him, take them, "
        "took them, taken her, taken him",
        east="забрат забрати",
    ),
    concept("fuel", pl="benzyna kanister", en="petrol gasoline gas", east="бензин каністр канистр"),
    concept(
        "to_death",
        phrases="to death, do smierci, do śmierci, на смерть, до смерті, до смерти",
    ),
    concept(
        "how_help",
        phrases="jak pomóc, jak pomoc, how to help, how do i help, how can i help, як допомогти, "
        "как помочь, po gwałcie, po gwalcie, після зґвалтування, после изнасилования",
    ),
    concept(
        "insurance",
        pl="ubezpieczenie odszkodowanie",
        en="insurance claim",
        east="страхов",
    ),
    concept("bang", pl="huk trzask", en="bang crash thud", east="гуркіт грохот удар"),
    concept(
        "silence",
        pl="ucichnąć",
        words="ucichlo ucichl ucichla",
        phrases="przestało płakać, przestalo plakac, przestał płakać, stopped crying, went quiet",
        east="замовк замолч затих",
    ),
    concept("motionless", phrases="bez ruchu, not moving, без руху, без движения"),
    concept(
        "learn",
        pl="nauczyć uczyć kurs szkolenie lekcja kartkówka sprawdzian biologia rozpoznać",
        en="learn course class lesson quiz biology recognise recognize",
        words="bioli biola biole biolce",
        phrases="first aid, pierwsza pomoc, pierwszej pomocy, перша допомога, першої допомоги, "
        "первая помощь, первой помощи",
        east="навчит научит навчан обучен курс урок біолог биолог розпізна распозна",
    ),
    concept(
        "dangle",
        pl="wisieć zwisać",
        words="hanging dangling",
        east="виси звиса",
    ),
    concept("asthma", pl="astma", en="asthma", east="астм"),
    concept("fit", pl="atak napad", en="attack fit", east="напад приступ"),
    concept(
        "hold",
        pl="trzymać złapać chwycić",
        en="hold grab",
        words="has",
        east="трима держ схопи схвати",
    ),
    concept("knee", pl="kolano", en="knee", east="колін колен"),
    concept("kill_time", phrases="kill time, zabić czas, zabic czas, убить время, вбити час"),
    concept("still", words="still wciaz nadal", east_words="ещё еще ще досі досих"),
    concept(
        "done", words="done", phrases="я все, я всё, я усе, mam dosc, mam dość, i'm done, im done"
    ),
    concept("laundry", pl="pranie bielizna", en="laundry clothesline", east="білизн бель"),
    concept("chest", pl="klatka pierś piersiowy", en="chest", east="груд"),
    concept(
        "slur",
        pl="bełkotać sinieć bełkot",
        en="slur",
        words="niewyraznie slurring slurred",
        east="невнятн невиразн",
    ),
    # Numb is a stroke's sign in a face or a limb; alone it is mostly a feeling.
    concept("numb", pl="drętwieć zdrętwieć", en="numb", east="онімі немеет онеме"),
    concept(
        "droop",
        pl="opaść opadnięty",
        en="droop",
        words="drooping droopy opadl opadla opadniety opadnieta",
        east="перекос опущ перекошен",
    ),
    concept(
        "face",
        pl="twarz usta kącik",
        en="face mouth lip",
        east="облич лиц рот",
        east_words="рта рту ротом",
    ),
    concept("feel", pl="czuć", en="feel", east="відчув чувств"),
    concept(
        "locked",
        pl="zamknąć zamknięty zamykać",
        en="lock",
        words="locked",
        east="замкн запер зачин замика запира",
    ),
    concept(
        "cellar",
        pl="piwnica komórka strych szafa schowek",
        en="basement cellar attic shed cupboard closet",
        east="підвал подвал горищ чердак комірчин кладовк сарай шаф",
    ),
    concept(
        "wait",
        pl="czekać",
        en="wait",
        east="чека ожида дочека дожда дожид",
        east_words="жду ждёт ждет ждут ждали ждал",
    ),
    concept(
        "burnout",
        pl="wypalenie",
        en="burnout",
        words="wypalenie burnout",
        east="вигоран выгоран",
    ),
    concept(
        "again_if",
        phrases="jeszcze raz, ever again, one more time, ще раз, еще раз, ещё раз, jak znowu, "
        "jesli znowu, jeśli znowu, jak jeszcze, if he ever, if she ever, if you ever, якщо знову, "
        "если опять, если снова",
    ),
    concept(
        "returnable",
        pl="kaucja depozyt pieniądz książka klucz pożyczka",
        en="deposit money book key loan call",
        east="депозит грош денег деньг залог ключ",
    ),
    concept("epilepsy", pl="padaczka epilepsja", en="epilepsy epileptic", east="епілеп эпилеп"),
    concept(
        "drive_into",
        pl="wjechać wjeżdżać",
        en="crash drive",
        east="врізат врезат в'їха въеха",
        # "we drove into a stump" tells of what happened; a plan is now or to come.
        tenses=NOT_IMPERATIVE[1:],
    ),
    concept(
        "obstacle",
        pl="drzewo słup mur ściana barierka",
        en="tree wall pole barrier",
        east="дерев стовп столб стін стен",
    ),
    concept(
        "overdo",
        east="перебра пережра переборщ перестара",
        pl="przesadzić",
        phrases="too deep, too far, za głęboko, za gleboko, zbyt głęboko, zbyt gleboko, "
        "занадто глибоко, слишком глубоко",
    ),
    concept("swim", pl="pływać kąpać", en="swim", words="kapiel kąpiel", east="плава купа купат"),
    concept("fly_out", east="виліта вилеті вылета вылете"),
    concept(
        "dont_look",
        phrases="nie szukajcie mnie, nie szukaj mnie, don't look for me, dont look for me, "
        "не шукайте мене, не шукайте, не ищите меня, не ищите",
    ),
    concept(
        "safe_question",
        phrases="is it safe, is it ok to, czy to bezpieczne, czy bezpiecznie, чи безпечно, "
        "безопасно ли",
    ),
    concept(
        "bleeding_stopped",
        # Only forms a negation cannot precede: "hasn't stopped bleeding" is not stopped.
        phrases="it stopped bleeding, has stopped bleeding, bleeding stopped, "
        "bleeding has stopped, "
        "już przestało krwawić, juz przestalo krwawic, już nie krwawi, juz nie krwawi, "
        "вже перестала кровоточити, уже перестала кровоточить, кровь остановилась, "
        "кров зупинилась",
    ),
    concept("scratch", pl="drapać podrapać", en="scratch", east="дряпа подряпа царап"),
    concept("deep", pl="głęboko głęboki", en="deep", words="gleboko deep", east="глибок глубок"),
    # "убила бы" (I could kill her): a wish said in anger, not a threat in progress.
    concept("would", east_words="бы"),
    concept(
        "shoot_dead",
        pl="zastrzelić",
        east="застрел",
        phrases="shoot myself, blow my brains out, strzelic sobie w leb, strzelić sobie w łeb, "
        "palnac sobie w leb, palnąć sobie w łeb, kulke w leb, kulkę w łeb, пулю в лоб, "
        "кулю в лоб, кулю в скроню, пулю в висок, bullet in my head",
    ),
    concept(
        "shot",
        pl="strzał wystrzał nabój",
        en="bullet",
        words="bullets kule kulki naboje",
        east="вистріл выстрел",
        east_words="пуля пули пулю пуль кулі куля кулю набої патрони патроны",
    ),
    concept(
        "finished",
        phrases="po sprawie, po wszystkim, im done, i'm done, i am done, и всё, і все, и все, "
        "і по всьому, и конец",
    ),
    concept(
        "water_level",
        phrases="pod same okna, pod okna, do okien, do parapetow, do parapetów, "
        "up to the windows, to the windows, під вікна, під вікнами, до вікон, до окон, "
        "под окна, под окнами, pod oknami",
    ),
    concept("red", pl="czerwony zakrwawiony", en="red soaked", east="червон красн"),
    concept(
        "again",
        words="znowu znow ponownie again",
        east_words="знову знов снова опять",
        # Back where they were: "he's back outside", "wrócił pod dom".
        phrases="he's back, hes back, she's back, shes back, he is back, she is back, "
        "is back again, came back, "
        "wrócił pod, wrocil pod, вернулся, повернувся",
    ),
    concept(
        "former",
        words="ex eks",
        east_words="колишній колишня колишнього колишньої бывший бывшая бывшего бывшей экс",
        phrases="moj byly, mój były, moja byla, moja była, mojego bylego, mojego byłego, "
        "moim bylym, moim byłym, ex husband, ex wife, ex boyfriend, ex girlfriend, ex partner, "
        # Named as former by leaving them ("odeszłam od niego trzy lata temu") too.
        "former partner, odeszlam od niego, odeszłam od niego, odeszlam od niej, odeszłam od niej, "
        "odszedlem od niej, odszedłem od niej, rozwiodlam sie, rozwiodłam się, rozwiedlismy sie, "
        "rozwiedliśmy się, left him, left her, divorced him, divorced her, got divorced, "
        "пішла від нього, розлучилася, розлучились, ушла от него, развелась, развелись",
    ),
    concept(
        "drug",
        pl="narkotyk dopalacz kryształ mefedron amfetamina heroina kokaina ekstazy",
        en="drug acid lsd mdma ecstasy fentanyl heroin coke cocaine meth ketamine shroom",
        words="dragi dragow drugs kwas kwasy kwasa kwasow mefa mefy fent fenta hera hery amfa "
        "amfy koks koksu molly ket percs",
        east="наркот мефедрон спайс героин герыч кокаин экстази лсд амфетамин",
        east_words="меф мефа соль соли солью фен фена марки кислота кислоты",
    ),
    concept(
        "lethal",
        pl="śmiertelny zabójczy",
        en="lethal fatal deadly",
        east="смертельн летальн смертел",
    ),
    concept("dose", pl="dawka", en="dose", east_words="доза дозу дози дозы дозой дозою дозі"),
    # Counts written as words ("wziął dwa kwasy"); digits carry NUMBER.
    concept(
        "number_word",
        # Not "ten" (Polish "this") nor "piec" (an oven).
        words="dwa dwie trzy cztery szesc kilka kilkanascie dziesiec two three four five six "
        "several dozen",
        east_words="два дві три чотири пʼять пять шість шесть кілька несколько десять",
    ),
    concept(
        "what",
        words="what which jaka jaki jakie jakiej",
        east_words="яка який яке якої какая какой какое какую",
    ),
    concept(
        "enough",
        pl="wystarczyć starczyć",
        en="enough",
        words="dosc wystarczy starczy",
        east="достатн достаточн вистач хват",
    ),
    concept(
        "survive", pl="przeżyć przetrwać odratować", en="survive", east="вижи выжи вижив выжив"
    ),
    concept(
        "wild_food",
        pl="grzyb grzybek jagoda",
        en="mushroom berry",
        words="berries grzybki grzybkow grzybków",
        east="гриб ягід ягод",
    ),
    concept("pale", pl="blady", en="pale", east="бліда блід бледн блед"),
    concept(
        "cold_heat",
        pl="upał mróz zimno",
        en="heat hot cold freezing",
        east="спек жар мороз холод",
    ),
    concept(
        "died",
        pl="umrzeć zginąć",
        words="zmarl zmarla died",
        east="помер умер загин погиб",
        tenses=(PAST,),
    ),
    concept("perish", pl="zginąć", east="загин погиб"),
    concept(
        "blue",
        words="sinieje sine zsinial zsiniala zsinialo siny sina",
        east="посині посин синіє синеет",
        phrases="turning blue, turned blue, went blue, lips blue, lips are blue, lips look blue",
    ),
    concept("air", pl="powietrze", en="air", east="повітр воздух"),
    concept("run_over", pl="potrącić", east="збил сбил", phrases="hit by a car, run over"),
    concept("stuck", pl="utknąć", en="stuck", east="застря"),
    concept("throat", pl="gardło", en="throat", east="горл"),
    concept("bereaved", phrases="suicide loss, loss survivors, lost to suicide"),
    # --- disaster ------------------------------------------------------------------------------
    concept(
        "fire",
        pl="pożar ogień płonąć dym płomień",
        words="fire fires flames smoke burning wildfire wildfires blaze",
        east="горит горить пожеж пожар дим дым пламя полыха полиха",
        east_words="полумя полумям полумʼя огонь огня огнём огнем вогонь вогню вогнем горят горять "
        "горим горимо палає палають пылает",
    ),
    concept("burn_verb", pl="palić jarać podpalić spalić", east="спалит спалю сожж сожг"),
    concept(
        "fire_calm",
        pl="ognisko grill kominek liść ogród deadline projekt piec śmieci",
        en="truck drill extinguisher firefighter fireplace firework bonfire leaf garden deadline "
        "song track album outfit beat battery",
        words="slaps lit leaves beeping",
        east="камін камин костер багатт мангал листя листь огнетуш вогнегас",
    ),
    concept(
        "house",
        pl="chata dom mieszkanie blok",
        en="house home flat",
        east="будин дом хат",
        east_words="вдома дома удома",
    ),
    concept("confuse", pl="pomylić", en="mistake", east="переплут перепута"),
    concept("cry", pl="płakać", en="cry", east="плач плак"),
    concept("spark", pl="iskrzyć iskra", en="spark", words="sparking sparks", east="іскр искр"),
    concept(
        "difficulty",
        pl="problem trudność",
        en="trouble difficulty struggle",
        words="struggling",
        east="важко трудно труднощ",
    ),
    concept("emotion", pl="emocja złość", en="emotion anger", east="емоці эмоци гнів гнев"),
    concept(
        "reside",
        pl="mieszkać",
        en="stay",
        words="live lives",
        east="мешка прожива живем живемо",
        east_words="живу",
    ),
    concept("climb_up", pl="wejść wspiąć wdrapać", en="climb", east="заліз залез виліз вылез"),
    concept("wrist", pl="nadgarstek żyła", en="wrist vein", east="зап'яст запяст вен"),
    concept(
        "recovery",
        en="recover rehab recovery",
        words="recovering rehabilitacji rehabilitacja rehabilitacje",
        east="реабіліт реабилит",
        phrases="po udarze, po zawale, після інсульту, после инсульта, після інфаркту, "
        "после инфаркта",
    ),
    concept(
        "pregnancy",
        pl="ciąża poronienie",
        en="pregnancy miscarriage",
        east="вагітн беремен викид",
    ),
    concept(
        "get_up",
        pl="wstać wstawać",
        phrases="got up, get up, getting up",
        east="встає встает встати встать встал встав",
    ),
    concept("hiss", pl="syczeć", en="hiss", words="hissing", east="шипи шипит шипить"),
    concept("cough", pl="kaszleć", en="cough", words="coughing kaszla kaszlą", east="кашл"),
    concept(
        "flood",
        pl="powódź zalewać zalać podtopienie",
        en="flood",
        words="flooding flooded floodwater floodwaters",
        east="затоп затап повін повен наводн потоп",
    ),
    concept("water", pl="woda", en="water", east="вод", east_words="вода воду води воды"),
    concept(
        "rising",
        pl="rosnąć wdzierać podchodzić wlewać podnosić przybywać",
        en="rise",
        words="rising",
        east="прибува підніма поднима",
        phrases="coming in, pouring in, getting in, coming up",
    ),
    concept("river", pl="rzeka", en="river", east="річк рек"),
    concept("overflow", pl="wylać", east="вийшл вышл розлил разлил"),
    concept("pour_in", pl="zalewać wlewać", east="залива залив"),
    concept("gas", pl="gaz", en="gas", east="газ", east_words="газом газу газа"),
    concept(
        "smell_leak",
        pl="czuć ulatniać wyciek śmierdzieć",
        en="smell leak",
        east="пахн запах витік утечк смерд воня",
    ),
    concept(
        "collapse",
        pl="zawalić zawalać gruz uwięzić przygnieść przysypać",
        en="collapse rubble trap",
        words="trapped",
        phrases="caved in, cave in, fell in, came down on, came crashing down",
        east="завал обвал уламк обруш рухн",
        tenses=NOT_IMPERATIVE,
    ),
    concept("traffic", pl="korek", en="traffic", east="пробк затор"),
    concept(
        "explosion",
        pl="wybuch wybuchnąć eksplozja",
        en="explosion explode",
        east="вибух взрыв взорв",
    ),
    concept("quarrel", pl="kłótnia płacz śmiech", en="laugh laughing", east="свар ссор смех сміх"),
    concept("drown", pl="tonąć utonąć", en="drown", east="тоне тону тонет"),
    concept("melt", pl="topić utopić", east="топ"),
    concept(
        "water_body",
        pl="staw jezioro rzeka morze woda basen zalew",
        en="lake river sea pool water",
        east="озер річк рек мор вод басейн бассейн колодяз колодец колодц",
    ),
    # --- a cry for help ------------------------------------------------------------------------
    concept(
        "cry_help",
        words="ratunku sos",
        east_words="рятуйте помогите спасите допоможіть рятуй помогите",
    ),
    concept("help_word", words="pomocy help"),
    concept(
        "seek",
        pl="szukać potrzebować prosić znaleźć",
        en="find look need get understand choose",
        words="gdzie jak jakiej dla o w who kto",
        east="знайти найти шука ищу",
    ),
    # --- round 5: veiled threats, a child lost or visited at night, a deep wound -------------
    concept(
        "police",
        pl="policja policjant",
        en="police cop",
        words="psy policje policji cops",
        east="поліц полиц милиц ментам ментов",
        east_words="копам",
    ),
    # Where a threat says the body will end up, or that nobody will find it.
    concept(
        "veiled_end",
        pl="zakopać",
        en="bury",
        east="закопа",
        # Not a ditch ("skończysz w rowie" is said of drinking and failing school).
        phrases="w lesie, w rzece, w jeziorze, in the woods, in the forest, in the river, "
        "in the lake, в озері, в озере, "
        "в лісі, в лесу, в річці, в реке, v lisi, v lesu, ногами вперед, nogami do przodu, "
        "в овраге, в яру, в ярку, в земле, в землі, pod ziemią, pod ziemia, six feet under, "
        "feet first, nikt cię nie znajdzie, nikt cie nie znajdzie, nikt mnie nie znajdzie, "
        "nobody will find, no one will find, never find me, никто не найдёт, никто не найдет, "
        "ніхто не знайде, ніхто не знайдет, nobody will find the body, won't find the body",
    ),
    # A threat that names no weapon and no killing: "he'll finish what he started", "he says
    # he'll teach me a lesson", "я закончу начатое".
    concept(
        "veiled_threat",
        phrases="finish what he started, finish what she started, finish what they started, "
        "finish what i started, finish me off, finish you off, teach me a lesson, "
        "teach you a lesson, teach her a lesson, teach him a lesson, a dead woman, a dead man, "
        "carve me up, carve you up, break my legs, break your legs, do him in, do me in, "
        "do you in, dokończy to co zaczął, dokonczy to co zaczal, dokończy co zaczął, "
        "dokonczy co zaczal, dokończę to co zacząłem, dokoncze to co zaczalem, da mi nauczkę, "
        "da mi nauczke, dam ci nauczkę, dam ci nauczke, połamie mi nogi, polamie mi nogi, "
        "доробить те що почав, доробить що почав, закінчить те що почав, закінчить почате, "
        "закончит начатое, закончит то что начал, доделает начатое, доделает то что начал, "
        "проучит меня, провчить мене, поламає мені ноги, сломает мне ноги, переломает мне ноги, "
        "say your prayers, say my prayers, odmów paciorek, odmow paciorek, помолись напоследок, "
        "молись напоследок, помолися наостанок",
    ),
    # A farewell said in a phrase, to someone or to a group ("it was nice knowing you").
    concept(
        "farewell_phrase",
        phrases="nice knowing you, nice knowing ya, nice knowing y'all, see you on the other side, "
        "było miło cię znać, bylo milo cie znac, było miło was znać, bylo milo was znac, "
        "miło było cię znać, milo bylo cie znac, miło było was znać, milo bylo was znac, "
        "do zobaczenia po drugiej stronie, було приємно тебе знати, було приємно вас знати, "
        "приємно було вас знати, было приятно тебя знать, было приятно вас знать, "
        "приятно было вас знать, приятно было тебя знать, увидимся на той стороне, "
        "до зустрічі на тому боці, you were always kind to me, you were always good to me, "
        "you've always been kind to me, zawsze byłaś dla mnie dobra, zawsze byłeś dla mnie dobry, "
        "ты всегда была добра ко мне, ты всегда был добр ко мне, ти завжди була до мене добра",
    ),
    # Not a burden much longer: an ending told as relief for others.
    concept(
        "burden_longer",
        phrases="a burden much longer, a burden for much longer, a burden for long, "
        "a burden to anyone much longer, ciężarem już długo, ciezarem juz dlugo, "
        "недолго буду обузой, недовго буду тягарем",
    ),
    # "Nothing threatening", "he never threatened me": a threat denied.
    concept(
        "no_threat",
        phrases="nothing threatening, not threatening, never threatened, didn't threaten, "
        "didnt threaten, nic groźnego, nic groznego, nie groził, nie grozil, "
        "ничего угрожающего, не угрожал, нічого загрозливого, не погрожував",
    ),
    # "How high does it need to be so you don't survive": a method question.
    concept(
        "how_high",
        phrases="how high, how tall, jak wysoko, z jakiej wysokości, z jakiej wysokosci, "
        "z którego piętra, z ktorego pietra, какой высоты, с какой высоты, "
        "з якої висоти, якої висоти, с какого этажа, з якого поверху",
    ),
    # Giving one's things away ("tell my sister she can have the car").
    concept(
        "give_away",
        phrases="she can have the, he can have the, she can have my, he can have my, "
        "they can have my, can have my stuff, giving away my stuff, giving away my things, "
        "gave away my stuff, rozdałam swoje rzeczy, rozdalam swoje rzeczy, rozdaję swoje rzeczy, "
        "rozdaje swoje rzeczy, роздаю свої речі, раздаю свои вещи, раздала свои вещи",
    ),
    # Going through with it, said of oneself.
    concept(
        "go_through",
        phrases="go through with it, going through with it, gonna go through with it, "
        "went through with it",
    ),
    # "I'm not suicidal", "nie mam myśli, żeby coś sobie zrobić": an intent denied.
    concept(
        "no_intent",
        phrases="not suicidal, im not suicidal, i'm not suicidal, not gonna hurt myself, "
        "not going to hurt myself, not gonna kill myself, not going to kill myself, "
        "won't hurt myself, wont hurt myself, not in danger, nie mam myśli, nie mam mysli, "
        "nie jestem samobójczynią, nie zrobię sobie krzywdy, nie zrobie sobie krzywdy, "
        "не збираюся себе вбивати, не збираюсь себе вбивати, не собираюсь себя убивать, "
        "не собираюсь ничего с собой делать, не збираюся нічого з собою робити",
    ),
    # "Groups for adult children (of alcoholics)", DDA: a grown-up, not a child.
    concept(
        "adult_child",
        words="dda",
        phrases="adult children, adult child, dorosłe dzieci, dorosle dzieci, dorosłych dzieci, "
        "doroslych dzieci, взрослые дети, взрослых детей, дорослі діти, дорослих дітей, "
        "дітей алкоголіків, детей алкоголиков",
    ),
    # A habitual drinker asleep again: a worry of years, told as such.
    concept(
        "alcoholic",
        pl="alkoholik alkoholiczka",
        en="alcoholic",
        # Exact words, not a lemma: a lemma's forms become known words of their own, and the
        # crisis type reads "drinker" one letter from "drink" (addiction).
        words="drinker drinkers",
        east="алкоголі алкоголи",
    ),
    # Reading or watching about a disaster elsewhere.
    concept(
        "news_about",
        phrases="read about, reading about, doc about, documentary about, video about, "
        "film about, czytałam o, czytalam o, czytałem o, czytalem o, reportaż o, reportaz o, "
        "film o, читала про, читав про, читал про, читала о, читал о, фильм про, фільм про, "
        "відео про, видео про, репортаж про, репортаж о",
    ),
    # Someone pinned in a wreck or under a seat.
    concept(
        "pinned",
        pl="zakleszczyć przygnieść",
        en="pin",
        words="pinned",
        east="зажат зажал затисн защемл придави придавл притисн",
    ),
    concept(
        "restraining",
        phrases="zakaz zbliżania, zakaz zblizania, zakaz kontaktu, sądowy zakaz, sadowy zakaz, "
        "restraining order, protection order, no contact order, запрет приближаться, "
        "запрет на приближение, заборону наближатися, заборона наближатися, "
        "заборону наближення, порушив заборону, нарушил запрет",
    ),
    # Banging on a door or a window (not a polite knock).
    concept(
        "pound",
        pl="walić łomotać dobijać",
        en="bang pound",
        words="banging pounding wali wala lomocze dobija",
        east="гати грюка ломит ломил ломя тарабан",
    ),
    # A child lost or wandered off now.
    concept(
        "lost",
        words="zaginal zaginela zaginelo",
        east="загубивс загубилас загубилис потерялс потерялас потерялис заблуди заблука",
        phrases="wandered off, ran off, got lost, is lost, went missing, gone missing, "
        "zgubil sie, zgubił się, zgubila sie, zgubiła się, zgubilo sie, zgubiło się",
    ),
    # What a wound shows when it is deep: fat, something white, bone.
    concept(
        "wound_deep",
        pl="tłuszcz kość ścięgno",
        en="fat bone tendon gaping",
        words="gaping",
        east="жир кістк кость сухожил",
        phrases="coś białego, cos bialego, something white, yellow layer, yellow stuff, "
        "widać mięso, widac mieso, щось біле, что-то белое, что то белое, видно мясо, "
        "видно м'ясо, shchos bile, chto-to beloe, wide open, gaping open",
    ),
    concept(
        "drip",
        pl="kapać cieknąć lecieć",
        en="drip pour gush",
        words="dripping pouring gushing",
        east="капа капл хлещ хлища ллєт льет тече течет",
    ),
    # Leaving a job: a farewell letter to colleagues is no suicide note.
    concept(
        "workplace",
        pl="firma praca współpracownik kolega koleżanka zespół emerytura",
        en="colleague coworker team company job retirement office",
        words="coworkers colleagues",
        east="колег колез коллег фірм компані компани звільн увольн пенсі",
    ),
    # Things lost, not people: "син загубив телефон" is no missing child.
    concept(
        "belongings",
        pl="telefon klucz portfel torebka plecak dokument legitymacja ząb",
        en="phone key wallet bag backpack ticket tooth",
        east="телефон ключ гаман кошел сумк рюкзак документ зуб",
    ),
    # "Nie dożyję rozprawy", "до суда я не доживу", "won't make it to the hearing".
    concept(
        "survive_until",
        pl="dożyć",
        east="доживу доживе доживёт доживет дожив дожит",
        phrases="make it to, live to see, live until, live till",
    ),
    # Admiring a view: a bridge and dark water at sunset are scenery.
    concept(
        "scenery",
        pl="piękny ładny widok zachód",
        en="pretty beautiful lovely sunset view",
        east="гарн красив захід закат",
    ),
    # Renovation noise: a drill or a hammer at work is no one at the door.
    concept(
        "tool",
        pl="wiertarka młotek perforator remont",
        en="drill renovation",
        words="hammering drilling",
        east="перфоратор дрил ремонт молотк",
    ),
    concept("near", words="near blisko przy", east_words="біля возле поруч рядом"),
    concept("bury", pl="pochować zakopać", en="bury", east="похова похорон закопа"),
    concept(
        "blood_donation",
        phrases="oddałam krew, oddalam krew, oddałem krew, oddalem krew, oddawanie krwi, "
        "gave blood, giving blood, donate blood, donating blood, donated blood, donating plasma, "
        "здала кров, здав кров, здача крові, здачі крові, сдала кровь, сдал кровь, сдачи крови, "
        "сдавать кровь, сдать кровь, здавати кров, здати кров, give blood, oddać krew, oddac krew, "
        "oddawać krew, oddawac krew",
    ),
    concept(
        "come_over",
        pl="przychodzić przyjść wchodzić",
        en="come",
        words="comes coming",
        east="прихо приход заход заходи",
    ),
    concept(
        "shout",
        pl="krzyczeć wrzeszczeć drzeć",
        en="shout scream yell",
        words="shouting screaming yelling",
        east="крич крик ор орет орёт волає",
    ),
    concept("bed", pl="łóżko", en="bed", east="ліжк кроват постел", words="lozka lozku"),
)

# Cyrillic words whose sound key is a concept's but which mean something else: "был" (was)
# sounds like "бил" (hit) and "біль" (pain).
COMMON_EAST_WORDS: Final = frozenset(
    [
        "был",
        "была",
        "было",
        "были",
        "быв",
        "бывает",
        # Everyday words a letter away from a concept's stem: "просто" is not "прости", "назад"
        # not "напад", "хорошо" not "горище", "потому" not "потоп".
        "просто",
        "назад",
        "хорошо",
        "добре",
        "робити",
        "пережити",
        "потрібна",
        "потрібно",
        "отримати",
        "получить",
        "пишет",
        "пише",
        "велосипеда",
        "пробувала",
        "пробовала",
        "записатися",
        "записаться",
        "записатся",
        "может",
        "може",
        "ходить",
        "потому",
        "проблемой",
        "видела",
        "отправить",
        "принимать",
        "обращаться",
        "понимаю",
        "смеялась",
        "запитати",
        "спросить",
        "ледь",
        "просить",
        "просит",
        "прошу",
        "просила",
        "просив",
        "потрібен",
        "потрібні",
        "свідоцтво",
        "свідоцтва",
    ]
)


# Every concept name a rule may use, checked at import (a typo in a rule must not pass silently).
CONCEPT_NAMES: Final = frozenset(item.name for item in CONCEPTS) | {NUMBER}

SUICIDAL: Final = "suicidal"
PLAN_MEANS: Final = "plan_means"
SELF_HARM: Final = "self_harm"
OVERDOSE: Final = "overdose"
VIOLENCE: Final = "violence"
CHILD: Final = "child_danger"
MEDICAL: Final = "medical"
DISASTER: Final = "disaster"
MISSING: Final = "missing"
UNSURE: Final = "unsure"

_TOPIC: Final = "past fiction news fine_now under_care"

_RULES_AS_WRITTEN: Final[tuple[Rule, ...]] = (
    # --- suicidal intent, direct ------------------------------------------------------------
    # "zabiję się z tym remontem" (this renovation will be the death of me) is an idiom.
    # "Prawie się zabiłam na rowerze", "ледь не вбила собі палець": an accident, not intent.
    rule(
        SUICIDAL, "kill self", window=2, unless=_TOPIC, unless_clause="with_this almost idiom_die"
    ),
    rule(SUICIDAL, "when_gone", unless=_TOPIC),
    rule(SUICIDAL, "goodbye world", window=2),
    rule(SUICIDAL, "decided the_end|do_it", window=6, unless=_TOPIC),
    rule(SUICIDAL, "go forever", window=3, unless=_TOPIC),
    rule(SUICIDAL, "neg endure day", window=4, unless=_TOPIC, unless_clause="idiom_subject"),
    rule(SUICIDAL, "disappear neg feel", window=5, unless=_TOPIC),
    rule(SUICIDAL, "better die", window=3, unless=_TOPIC),
    rule(SUICIDAL, "plan|prepare exit my", window=3, unless=_TOPIC),
    rule(SUICIDAL, "obituary me", window=4, unless=_TOPIC),
    rule(SUICIDAL, "last day|night", window=2, unless=_TOPIC + " away idiom_subject yesterday"),
    rule(SUICIDAL, "neg born", window=3, unless=_TOPIC),
    rule(
        SUICIDAL,
        "done now|night|all|life|forever|go|the_end",
        window=5,
        unless=_TOPIC,
        unless_clause="idiom_subject still",
    ),
    rule(SUICIDAL, "neg endure the_end", window=6, unless=_TOPIC),
    rule(SUICIDAL, "longer bother neg", window=5, unless=_TOPIC),
    rule(SUICIDAL, "tired live|life", window=3, unless=_TOPIC),
    rule(SUICIDAL, "apologise love", window=8, unless=_TOPIC),
    rule(SUICIDAL, "apologise me", window=2, unless=_TOPIC + " joke"),
    rule(SUICIDAL, "unalive", unless="report " + _TOPIC, unless_clause="idiom_subject"),
    rule(SUICIDAL, "shoot_dead self", window=2, unless=_TOPIC),
    rule(SUICIDAL, "fly_out life", window=4, unless=_TOPIC),
    # A farewell that asks not to be searched for: a suicide note or a child running away.
    rule(SUICIDAL, "dont_look", unless="joke " + _TOPIC),
    # "wyjść z gry na zawsze" (to leave the game for good) is a euphemism, not a game.
    rule(SUICIDAL, "exit forever", window=5, unless="past news fine_now under_care"),
    rule(SUICIDAL, "pity born", window=4, unless=_TOPIC),
    rule(SUICIDAL, "end with_this", window=2, unless=_TOPIC, unless_clause="idiom_subject"),
    rule(
        SUICIDAL,
        "suicide",
        unless=_TOPIC + " habitual bereaved support_group talk_about",
        unless_clause="no_intent",
    ),
    rule(SUICIDAL, "farewell_phrase", unless=_TOPIC + " workplace joke"),
    rule(SUICIDAL, "go_through", unless=_TOPIC + " joke"),
    rule(SUICIDAL, "burden_longer", unless=_TOPIC + " joke"),
    rule(SUICIDAL, "give_away done|tell|goodbye|last", window=12, unless=_TOPIC + " joke"),
    rule(PLAN_MEANS, "how_high neg|die survive|die|fall", window=14, unless=_TOPIC + " joke"),
    rule(SUICIDAL, "apologise family|all", window=2, unless=_TOPIC),
    rule(SUICIDAL, "go life|world", window=3, unless=_TOPIC),
    rule(SUICIDAL, "disappear skates", window=2),
    rule(SUICIDAL, "logout life|world|forever", window=4),
    rule(SUICIDAL, "afterlife go|want|now", window=8, unless=_TOPIC),
    rule(SUICIDAL, "neg be here", window=4, unless="away " + _TOPIC),
    rule(SUICIDAL, "me neg see longer", window=5, unless=_TOPIC),
    rule(SUICIDAL, "goodbye neg", window=8),
    rule(SUICIDAL, "stop live", window=3, unless=_TOPIC),
    rule(SUICIDAL, "stop forever", window=3, unless=_TOPIC),
    # "The hamster died and she wants to bury it": a pet's death, not a wish.
    rule(
        SUICIDAL,
        "want die",
        window=4,
        unless=_TOPIC,
        unless_clause="idiom_die idiom_subject bury",
    ),
    rule(SUICIDAL, "neg live", window=5, unless=_TOPIC),
    rule(SUICIDAL, "life neg|sense sense", window=5, unless=_TOPIC),
    rule(SUICIDAL, "live sense", window=3, unless=_TOPIC),
    rule(SUICIDAL, "neg sense live", window=6, unless=_TOPIC),
    rule(SUICIDAL, "take_life life", window=3, unless=_TOPIC),
    rule(SUICIDAL, "end self_obj|life", window=4, unless=_TOPIC),
    rule(SUICIDAL, "to_die", unless=_TOPIC, unless_clause="idiom_die idiom_subject"),
    rule(SUICIDAL, "end all|forever", window=5, unless=_TOPIC),
    rule(SUICIDAL, "want all stop", window=4, unless=_TOPIC, unless_clause="idiom_subject"),
    rule(SUICIDAL, "end now", window=3, unless=_TOPIC + " self"),
    # --- suicidal intent, indirect -----------------------------------------------------------
    rule(SUICIDAL, "disappear forever|world", window=5, unless=_TOPIC),
    rule(SUICIDAL, "neg wake", window=4, unless=_TOPIC + " unconscious"),
    rule(SUICIDAL, "neg want wake", window=6, unless=_TOPIC),
    rule(SUICIDAL, "farewell", unless=_TOPIC + " workplace"),
    rule(SUICIDAL, "goodbye forever|last|love|all|child", window=8),
    rule(SUICIDAL, "last message|letter", window=3),
    # "This is the last thing I'll ever write".
    rule(SUICIDAL, "last write", window=5, unless=_TOPIC + " workplace"),
    rule(SUICIDAL, "letter apologise", window=8, unless=_TOPIC),
    rule(
        SUICIDAL,
        "the_end me_inst|me",
        window=3,
        unless=_TOPIC + " joke",
        unless_clause="idiom_subject",
    ),
    rule(SUICIDAL, "tell love", window=8),
    rule(SUICIDAL, "letter farewell_letter", window=3, unless=_TOPIC + " workplace"),
    # "I have said my goodbyes": farewells already made (not a leaving party at work).
    rule(SUICIDAL, "have my farewell_letter", window=3, unless=_TOPIC + " workplace party"),
    rule(SUICIDAL, "write letter family|longer|all", window=6, unless=_TOPIC),
    rule(SUICIDAL, "give_away things", window=4),
    rule(SUICIDAL, "better without me", window=6),
    rule(SUICIDAL, "better me neg", window=4),
    rule(SUICIDAL, "me neg be", window=4, unless="away"),
    rule(SUICIDAL, "neg want be|here here", window=4, unless="away"),
    rule(SUICIDAL, "burden i_am|me", window=4),
    rule(SUICIDAL, "nobody notice", window=5),
    rule(SUICIDAL, "absent me_gen", window=3),
    rule(SUICIDAL, "neg endure longer", window=6),
    rule(SUICIDAL, "neg can any_longer", window=3),
    rule(SUICIDAL, "neg rescue sense|neg", window=5),
    # --- plan and means ----------------------------------------------------------------------
    rule(
        PLAN_MEANS,
        "rope have|prepare|know|where|now",
        window=6,
        unless="sport laundry " + _TOPIC,
    ),
    rule(PLAN_MEANS, "know where tie", window=5),
    rule(PLAN_MEANS, "know how when", window=6),
    rule(
        PLAN_MEANS,
        "know where|how when",
        window=6,
        unless=_TOPIC + " neg idiom_subject away errand",
    ),
    rule(PLAN_MEANS, "pills|drug have|got|prepare enough", window=6, unless=_TOPIC),
    # "I've been researching how many mg it takes and I have enough": reading up on it is no
    # fiction when the means are at hand.
    rule(
        PLAN_MEANS,
        "dose_question dose_unit have|got enough",
        window=10,
        unless="past news fine_now under_care",
    ),
    rule(PLAN_MEANS, "have plan longer", window=4),
    rule(PLAN_MEANS, "stand high_place", window=4, unless=_TOPIC + " everyday_up"),
    rule(PLAN_MEANS, "jump high_place", window=8, unless="errand sport " + _TOPIC),
    rule(PLAN_MEANS, "want jump", window=4, unless="errand joke swim " + _TOPIC),
    rule(PLAN_MEANS, "drive_into obstacle", window=3, unless=_TOPIC),
    rule(PLAN_MEANS, "shot finished|the_end", window=5, unless="sport " + _TOPIC),
    rule(PLAN_MEANS, "hang", unless=_TOPIC + " decor"),
    rule(PLAN_MEANS, "tie rope", window=4, unless=_TOPIC),
    rule(PLAN_MEANS, "rope|belt neck", window=5, unless=_TOPIC),
    rule(PLAN_MEANS, "rope go", window=6, unless="sport laundry " + _TOPIC),
    rule(PLAN_MEANS, "know dose_question pills", window=6, unless=_TOPIC),
    rule(PLAN_MEANS, "weapon|razor wrist", window=8, unless="cooking " + _TOPIC),
    rule(
        PLAN_MEANS,
        "i_first high_place",
        window=6,
        unless="errand sport everyday_up " + _TOPIC,
        unless_clause="reside",
    ),
    rule(PLAN_MEANS, "high_place know|choose", window=5, unless="errand sport " + _TOPIC),
    rule(PLAN_MEANS, "do_it where|when|how|high_place", window=5, unless=_TOPIC),
    rule(PLAN_MEANS, "have number pills", window=4, unless=_TOPIC),
    rule(PLAN_MEANS, "load gun", window=3, unless=_TOPIC),
    rule(PLAN_MEANS, "go high_place", window=3, unless="errand sport " + _TOPIC),
    rule(PLAN_MEANS, "go under vehicle", window=4),
    rule(PLAN_MEANS, "pills die", window=6, unless=_TOPIC),
    rule(PLAN_MEANS, "throw under vehicle", window=4),
    rule(PLAN_MEANS, "gun have", window=4, unless=_TOPIC),
    rule(PLAN_MEANS, "gun know where", window=8, unless=_TOPIC),
    rule(SUICIDAL, "melt self purpose|want|go", window=4, unless=_TOPIC),
    rule(PLAN_MEANS, "garage engine", window=8),
    rule(PLAN_MEANS, "pills prepare", window=5, unless=_TOPIC + " ailment"),
    rule(PLAN_MEANS, "pills all now|take", window=6, unless=_TOPIC + " safe_question"),
    rule(PLAN_MEANS, "take all pills", window=6, unless=_TOPIC + " safe_question"),
    rule(PLAN_MEANS, "pills take all", window=10, unless=_TOPIC + " safe_question"),
    rule(PLAN_MEANS, "razor prepare|now|have", window=6),
    rule(PLAN_MEANS, "thought_through all", window=4),
    rule(PLAN_MEANS, "go|drive|stand|i_am rails train", window=10, unless=_TOPIC + " travel"),
    rule(PLAN_MEANS, "gun shot|have", window=6, unless=_TOPIC + " sport"),
    rule(PLAN_MEANS, "prepare all wait night", window=8, unless=_TOPIC),
    # Asking how much or how high for oneself: a lethal dose, a floor not to survive.
    rule(
        PLAN_MEANS, "lethal dose|pills|dose_question|how|what", window=5, unless=_TOPIC + " learn"
    ),
    rule(
        PLAN_MEANS,
        "neg survive|wake high_place|pills|dose|lethal|dose_question",
        window=6,
        unless=_TOPIC + " learn",
    ),
    # --- self-harm -----------------------------------------------------------------------------
    rule(SELF_HARM, "cut self|body", window=4, unless=_TOPIC + " cooking grooming"),
    rule(SELF_HARM, "cut much", window=4, unless=_TOPIC + " cooking grooming"),
    rule(SELF_HARM, "burn purpose", window=4, unless=_TOPIC),
    rule(
        SELF_HARM,
        "self weapon",
        window=2,
        unless=_TOPIC + " cooking grooming",
        unless_clause="almost",
    ),
    rule(SELF_HARM, "burn self_obj|lighter", window=3, unless=_TOPIC + " cooking"),
    rule(SELF_HARM, "sh relapse|blood|much|stitches|now", window=6, unless=_TOPIC),
    rule(SELF_HARM, "cut stitches", window=8, unless=_TOPIC + " cooking grooming healing"),
    rule(SELF_HARM, "stab_in self body", window=5, unless=_TOPIC + " cooking splinter"),
    rule(
        SELF_HARM,
        "harm self",
        window=3,
        unless=_TOPIC,
        unless_clause="care_pro support_group no_intent",
    ),
    rule(SELF_HARM, "burn self purpose", window=5, unless=_TOPIC),
    rule(SELF_HARM, "hit head wall", window=6),
    rule(
        SELF_HARM,
        "did_it again|relapse bandage|blood|deep|much|stitches|red",
        window=10,
        unless=_TOPIC,
    ),
    rule(MEDICAL, "bandage neg|blood", window=4, unless=_TOPIC),
    rule(SELF_HARM, "scratch self deep|stop", window=5, unless=_TOPIC),
    # Cut too deep, fat or something white showing, blood dripping.
    rule(
        SELF_HARM,
        "cut|sh|did_it|scratch overdo|wound_deep|drip",
        window=10,
        unless=_TOPIC + " cooking grooming",
    ),
    rule(SELF_HARM, "razor red|blood", window=8, unless=_TOPIC + " cooking grooming"),
    rule(SELF_HARM, "hit wall body|swell|blood", window=8, unless=_TOPIC),
    # --- overdose, poisoning -------------------------------------------------------------------
    rule(PLAN_MEANS, "all pills alcohol", window=8, unless=_TOPIC + " dose_question safe_question"),
    rule(PLAN_MEANS, "pills|weapon|rope|razor|gun before_me", window=8, unless=_TOPIC + " cooking"),
    rule(CHILD, "child|kid nudes", window=10, unless=_TOPIC),
    # Left in a car in the heat; waiting for a train to jump.
    rule(CHILD, "child|kid vehicle cold_heat", window=10, unless=_TOPIC),
    rule(CHILD, "leave_behind child|kid vehicle", window=6, unless=_TOPIC),
    rule(PLAN_MEANS, "wait|stand train|rails jump", window=8, unless=_TOPIC + " errand joke sport"),
    rule(PLAN_MEANS, "weights water_body|river", window=8, unless=_TOPIC + " sport"),
    # Going to the water, a height or the tracks and not coming back.
    # Not "не могу поверить" (can't believe), one typo from both a height and a return.
    rule(
        PLAN_MEANS,
        "water_body|river|high_place|rails neg return",
        window=8,
        unless=_TOPIC,
        unless_clause="can",
    ),
    rule(OVERDOSE, "take_past|use_drug pills|drug|alcohol heart_race", window=10, unless=_TOPIC),
    rule(
        OVERDOSE,
        "take_past pills|drug all|number|number_word|many|child|kid|swallow_strong",
        window=6,
        unless=_TOPIC,
    ),
    rule(OVERDOSE, "wild_food vomit|pale|unconscious|hallucinate", window=8, unless=_TOPIC),
    rule(OVERDOSE, "take_past|use_drug|drug hallucinate|foam", window=8, unless=_TOPIC),
    rule(OVERDOSE, "swallow_strong", unless=_TOPIC + " learn"),
    rule(OVERDOSE, "pills empty", window=3, unless=_TOPIC),
    rule(OVERDOSE, "poison", unless=_TOPIC + " food"),
    rule(OVERDOSE, "take_past chemical", window=6),
    rule(OVERDOSE, "child chemical", window=6, unless=_TOPIC),
    rule(OVERDOSE, "confuse chemical", window=6, unless=_TOPIC),
    rule(OVERDOSE, "take_past something party|shake", window=8),
    rule(OVERDOSE, "take_past double_dose", window=4, unless=_TOPIC + " dose_question"),
    rule(OVERDOSE, "spike me|something|alcohol", window=6, unless=_TOPIC),
    rule(
        OVERDOSE, "pills alcohol mix|take_past|purpose", window=8, unless=_TOPIC + " dose_question"
    ),
    rule(
        OVERDOSE,
        "use_drug|take|swallow_strong too_much|heart",
        window=5,
        unless=_TOPIC + " dose_question",
    ),
    rule(OVERDOSE, "take_past object_swallowed", window=4),
    rule(OVERDOSE, "overdo pills|drug|alcohol", window=4, unless=_TOPIC + " cooking"),
    # "Nie możemy go znaleźć": a person not found, named by a pronoun (not "a psychologist").
    rule(MISSING, "child|kid|family neg find obj_pron", window=8, unless=_TOPIC + " returnable"),
    # --- violence ------------------------------------------------------------------------------
    rule(
        VIOLENCE,
        "hit me|person|child|family",
        window=4,
        unless=_TOPIC + " joke heart animal not_hit sport",
    ),
    rule(VIOLENCE, "hit_now", unless=_TOPIC + " heart joke animal not_hit sport"),
    rule(VIOLENCE, "choke me", window=5, unless=_TOPIC),
    rule(VIOLENCE, "end me_inst", window=3, unless=_TOPIC),
    rule(
        VIOLENCE,
        "threaten weapon|kill|hit|me|burn_verb",
        window=6,
        unless="legal " + _TOPIC,
        unless_clause="no_threat",
    ),
    rule(
        VIOLENCE,
        "kill me",
        window=4,
        unless=_TOPIC + " joke animal",
        unless_clause="idiom_subject idiom_die would",
    ),
    rule(
        VIOLENCE,
        "kill person|family|child",
        window=4,
        unless=_TOPIC + " joke self kill_time again_if",
        unless_clause="idiom_subject would",
    ),
    rule(
        VIOLENCE,
        "weapon person|attack|door|threaten",
        window=7,
        unless="cooking " + _TOPIC,
        unless_clause="tool",
    ),
    rule(VIOLENCE, "attack me|person", window=4, unless=_TOPIC + " panic"),
    rule(VIOLENCE, "throw self me", window=3, unless=_TOPIC),
    rule(VIOLENCE, "person harm me|person", window=4, unless=_TOPIC + " joke"),
    # "Stabbed me in the back at work": an idiom in the clause of a workplace.
    rule(VIOLENCE, "stab", unless=_TOPIC + " joke", unless_clause="idiom_subject"),
    rule(VIOLENCE, "hold me throat", window=4, unless=_TOPIC + " joke"),
    rule(VIOLENCE, "person|door fuel", window=8, unless=_TOPIC + " vehicle"),
    rule(VIOLENCE, "person|me burn_verb house", window=6, unless=_TOPIC + " fire_calm"),
    rule(VIOLENCE, "hit|kill to_death", window=4, unless=_TOPIC + " joke"),
    rule(VIOLENCE, "shoot person|me|gun|weapon", window=5, unless="sport joke " + _TOPIC),
    rule(VIOLENCE, "got weapon", window=2, unless=_TOPIC + " joke"),
    rule(VIOLENCE, "wait me weapon", window=8, unless="cooking " + _TOPIC),
    rule(
        VIOLENCE,
        "break_in door|into|self",
        window=4,
        unless=_TOPIC,
        unless_clause="idiom_subject",
    ),
    rule(VIOLENCE, "rape", unless=_TOPIC + " how_help"),
    rule(VIOLENCE, "my last night", window=3),
    rule(VIOLENCE, "chase me|weapon", window=6, unless=_TOPIC + " joke sport"),
    rule(
        VIOLENCE,
        "follow me again|fear|now|weapon|stand|wait",
        window=10,
        unless=_TOPIC + " joke social",
    ),
    # Someone got in; hiding from them; locked in by someone.
    rule(VIOLENCE, "someone climb_up|break_in door|house|into", window=4, unless=_TOPIC),
    rule(VIOLENCE, "hide hide_place", window=4, unless=_TOPIC + " joke"),
    rule(VIOLENCE, "hide self|i_am someone|weapon|break_in", window=8, unless=_TOPIC + " joke"),
    rule(VIOLENCE, "person locked me|person|child|kid", window=3, unless=_TOPIC + " joke"),
    rule(VIOLENCE, "neg see morning", window=4),
    # "Jak zadzwonisz na policję, znajdą cię w lesie", "якщо заговориш — винесуть ногами вперед".
    rule(
        VIOLENCE,
        "if_cond|police|threaten veiled_end",
        window=12,
        unless=_TOPIC + " joke",
    ),
    rule(VIOLENCE, "veiled_threat", unless=_TOPIC + " joke", unless_clause="idiom_subject"),
    rule(VIOLENCE, "wait weapon person|family|me", window=8, unless="cooking sport " + _TOPIC),
    # A restraining order broken, banging on a door now: past violence told beside it is not over.
    rule(VIOLENCE, "restraining door|again|pound|stand", window=14, unless="fiction news joke"),
    # "Powiedział, że jak pójdę do sądu, to nie dożyję rozprawy" (not "dziadek nie dożyje 80").
    rule(
        VIOLENCE,
        "if_cond|threaten|person neg survive_until",
        window=12,
        unless=_TOPIC + " joke number",
    ),
    rule(VIOLENCE, "pound door", window=5, unless=_TOPIC + " joke", unless_clause="tool"),
    rule(
        VIOLENCE,
        "now|again|recent door|window shout|pound fear",
        window=12,
        unless=_TOPIC + " joke",
    ),
    rule(
        VIOLENCE,
        "person|former|again pound door|window|me|fear",
        window=8,
        unless=_TOPIC + " joke",
        unless_clause="tool",
    ),
    # --- a child in danger ---------------------------------------------------------------------
    rule(
        MISSING,
        "missing child|family|person|kid",
        window=5,
        unless=_TOPIC + " pregnancy",
        unless_clause="belongings",
    ),
    rule(
        MISSING,
        "neg return",
        window=2,
        unless="away returnable died " + _TOPIC,
        unless_clause="can",
    ),
    rule(CHILD, "child neg return", window=6, unless=_TOPIC),
    rule(CHILD, "child alone trapped_child", window=10),
    rule(CHILD, "child alone house|night|vehicle|cold_heat", window=10, unless=_TOPIC + " legal"),
    rule(CHILD, "child locked vehicle|cold_heat|high_place|window", window=8, unless=_TOPIC),
    rule(CHILD, "fall window", window=7, unless=_TOPIC + " animal"),
    rule(CHILD, "child fall water_body", window=6, unless=_TOPIC),
    rule(CHILD, "window break_through", window=6, unless=_TOPIC),
    rule(CHILD, "abduct child|kid", window=5, unless=_TOPIC + " joke"),
    rule(CHILD, "kid fall|drown water_body|window|high_place", window=6, unless=_TOPIC),
    rule(CHILD, "fear go|return house", window=5, unless=_TOPIC + " joke"),
    rule(CHILD, "child locked cellar", window=12, unless=_TOPIC),
    rule(CHILD, "person locked family|kid cellar|without", window=10, unless=_TOPIC + " joke"),
    rule(CHILD, "child high_place window", window=8, unless=_TOPIC + " fine_now"),
    rule(CHILD, "follow child", window=5, unless=_TOPIC),
    rule(CHILD, "child run_away", window=6, unless=_TOPIC),
    rule(CHILD, "child fall neg cry", window=8, unless=_TOPIC),
    rule(CHILD, "child climb_up high_place|window", window=6, unless=_TOPIC),
    rule(CHILD, "child dangle|fall high_place|window", window=6, unless=_TOPIC),
    rule(CHILD, "child|kid stand|dangle high_place|window", window=6, unless=_TOPIC + " sport"),
    rule(CHILD, "child|kid alone high_place|road", window=8, unless=_TOPIC),
    rule(CHILD, "child take_away", window=14, unless=_TOPIC + " parent"),
    rule(CHILD, "bang child silence", window=10, unless=_TOPIC),
    rule(CHILD, "stranger child|meet", window=8, unless=_TOPIC + " adult_child"),
    rule(CHILD, "child|kid|meet met_online", window=10, unless="past news fine_now under_care"),
    rule(CHILD, "child drunk", window=8, unless=_TOPIC),
    rule(CHILD, "bruise child|family", window=8, unless=_TOPIC + " yesterday fall"),
    rule(CHILD, "child alone road", window=6, unless=_TOPIC),
    rule(CHILD, "child|kid run_away|go road", window=6, unless=_TOPIC),
    # Lured into a car; gone with someone met online; a phone off since.
    rule(CHILD, "child|kid get_in vehicle|stranger|person", window=6, unless=_TOPIC + " parent"),
    rule(CHILD, "child|kid phone_off", window=14, unless=_TOPIC),
    rule(CHILD, "child|kid go stranger", window=10, unless=_TOPIC),
    rule(CHILD, "child alone|go high_place|road", window=8, unless=_TOPIC),
    rule(CHILD, "drunk drive child|vehicle", window=6, unless=_TOPIC),
    rule(CHILD, "person|family touch me|child|kid|family", window=8, unless=_TOPIC),
    # Not a parent who comes to comfort ("mum comes to my bed when I have nightmares").
    rule(
        CHILD,
        "person|family come_over|touch bed",
        window=8,
        unless=_TOPIC + " fine_now",
        unless_clause="parent",
    ),
    rule(CHILD, "person|family touch night", window=8, unless=_TOPIC + " fine_now"),
    # A child lost now ("wandered off in the shopping centre", "потерялся в торговом центре").
    # A small child out alone by the water or the road ("got out and is near the river").
    rule(
        CHILD,
        "child|kid got|go|alone|run_away near water_body|river|road|rails",
        window=10,
        unless=_TOPIC + " swim sport errand travel parent safe_question dose_question",
    ),
    rule(
        CHILD,
        "child|kid lost",
        window=10,
        unless=_TOPIC + " returnable",
        unless_clause="belongings",
    ),
    rule(CHILD, "ice under|break_through|fall", window=4, unless=_TOPIC),
    rule(CHILD, "shake child", window=4),
    # --- medical ---------------------------------------------------------------------------------
    rule(MEDICAL, "neg|barely breathe|air", window=4, unless=_TOPIC),
    rule(MEDICAL, "difficulty breathe", window=3, unless=_TOPIC),
    rule(MEDICAL, "gasping", unless=_TOPIC, unless_clause="cold_heat almost idiom_die"),
    rule(
        MEDICAL,
        "unconscious",
        unless=_TOPIC + " died learn blood_donation alcoholic",
        unless_clause="almost idiom_die if_cond",
    ),
    rule(MEDICAL, "cpr", unless=_TOPIC + " learn"),
    rule(MEDICAL, "heart stop", window=3, unless=_TOPIC + " learn"),
    rule(MEDICAL, "paralyse", unless=_TOPIC + " learn recovery"),
    rule(MEDICAL, "lose|without conscious", window=3, unless=_TOPIC + " died blood_donation"),
    rule(MEDICAL, "neg react|wake", window=3, unless=_TOPIC + " messages want disappear"),
    rule(MEDICAL, "seizure", unless=_TOPIC + " died learn hypothetical", unless_clause="if_cond"),
    rule(MEDICAL, "fit epilepsy", window=3, unless=_TOPIC + " learn"),
    # "Dostał padaczki", "trzęsie nim": a fit now, not the illness named.
    rule(
        MEDICAL,
        "got epilepsy|seizure",
        window=3,
        unless=_TOPIC + " learn hypothetical",
        unless_clause="if_cond",
    ),
    rule(
        MEDICAL,
        "shake_body epilepsy|seizure|unconscious|foam|eyes_roll",
        window=8,
        unless=_TOPIC + " learn joke cold_heat",
    ),
    rule(MEDICAL, "eyes_roll", unless=_TOPIC + " joke"),
    # "Nie mogę dojść do siebie" after a death is grief, not someone unconscious.
    rule(MEDICAL, "neg come_to", window=4, unless=_TOPIC + " died", unless_clause="can"),
    rule(
        MEDICAL,
        "heart_attack",
        unless=_TOPIC + " died joke recovery learn",
        unless_clause="if_cond",
    ),
    rule(MEDICAL, "shock current", window=3, unless=_TOPIC),
    rule(MEDICAL, "swell throat|face", window=4, unless=_TOPIC),
    rule(MEDICAL, "foam face", window=3, unless=_TOPIC),
    rule(MEDICAL, "head vomit", window=8, unless=_TOPIC),
    rule(MEDICAL, "blood head", window=4, unless=_TOPIC + " blood_donation"),
    rule(MEDICAL, "head broken", window=3, unless=_TOPIC + " joke"),
    rule(MEDICAL, "motionless", unless=_TOPIC),
    rule(MEDICAL, "family|person neg get_up", window=8, unless=_TOPIC),
    rule(MEDICAL, "asthma fit|neg", window=5, unless=_TOPIC),
    rule(MEDICAL, "rattle", unless=_TOPIC + " animal"),
    rule(MEDICAL, "droop face", window=5, unless=_TOPIC),
    rule(MEDICAL, "neg feel body", window=4, unless=_TOPIC),
    rule(MEDICAL, "choke", unless=_TOPIC + " joke quarrel learn", unless_clause="idiom_subject"),
    rule(MEDICAL, "pain chest", window=4, unless=_TOPIC + " muscle", unless_clause="idiom_subject"),
    rule(MEDICAL, "slur", unless=_TOPIC),
    rule(MEDICAL, "numb face|body|neck", window=4, unless=_TOPIC),
    rule(MEDICAL, "blue", unless=_TOPIC),
    rule(MEDICAL, "run_over", unless=_TOPIC),
    rule(MEDICAL, "blood much|stop", window=5, unless=_TOPIC + " bleeding_stopped"),
    rule(MEDICAL, "haemorrhage", unless=_TOPIC),
    rule(MEDICAL, "choke self", window=3, unless=_TOPIC, unless_clause="idiom_subject"),
    rule(MEDICAL, "stuck throat", window=4),
    # --- disaster --------------------------------------------------------------------------------
    rule(DISASTER, "water|water_body water_level", window=5, unless=_TOPIC),
    rule(
        DISASTER,
        "fire",
        unless=_TOPIC + " yesterday resolved fire_calm insurance burnout blood_donation news_about",
    ),
    rule(
        DISASTER,
        "burn_verb self",
        window=2,
        unless=_TOPIC + " yesterday resolved",
        unless_clause="idiom_subject",
    ),
    rule(
        DISASTER,
        "flood",
        unless=_TOPIC + " yesterday resolved insurance news_about",
        unless_clause="a_little",
    ),
    rule(DISASTER, "water rising", window=4, unless=_TOPIC),
    rule(DISASTER, "water pour_in", window=4, unless=_TOPIC),
    rule(DISASTER, "fire cough|vomit", window=8, unless=_TOPIC),
    rule(DISASTER, "spark tear_off|vehicle|current", window=8, unless=_TOPIC),
    rule(DISASTER, "water high_place", window=4, unless=_TOPIC + " sport scenery"),
    rule(DISASTER, "water deep_water", window=4, unless=_TOPIC),
    rule(DISASTER, "ice crack|break_through", window=4, unless=_TOPIC),
    rule(DISASTER, "human water|water_body", window=2, unless=_TOPIC),
    rule(DISASTER, "storm tear_off|hide|trapped_child|collapse", window=6, unless=_TOPIC),
    rule(DISASTER, "river overflow", window=3, unless=_TOPIC),
    rule(DISASTER, "gas smell_leak|hiss", window=7, unless=_TOPIC + " resolved"),
    rule(
        DISASTER,
        "collapse",
        unless=_TOPIC + " yesterday burnout news_about",
        unless_clause="idiom_subject",
    ),
    rule(DISASTER, "explosion", unless=_TOPIC + " quarrel yesterday emotion"),
    rule(
        DISASTER,
        "drown",
        unless=_TOPIC + " safe_question dose_question",
        unless_clause="idiom_subject almost",
    ),
    rule(DISASTER, "melt self person|child|water_body", window=4),
    # A boat or a car overturned on the water.
    rule(DISASTER, "crash water_body|river", window=4, unless=_TOPIC + " yesterday"),
    rule(DISASTER, "crash|collapse|explosion|fire injured", window=6, unless=_TOPIC + " yesterday"),
    # A crash with someone trapped, a car in the water, people inside what burns or sinks.
    rule(
        DISASTER,
        "crash|vehicle collapse|stuck|smoke_verb|fire",
        window=6,
        unless=_TOPIC + " traffic fire_calm",
    ),
    # "Мы перевернулись, я в порядке, но женщина зажата сиденьем": the writer's own "fine"
    # does not clear the one pinned.
    rule(DISASTER, "crash|vehicle pinned", window=12, unless="past fiction news traffic"),
    rule(
        DISASTER,
        "vehicle|crash fall|bang|drive_into|drown water_body|river",
        window=5,
        unless=_TOPIC,
    ),
    rule(
        DISASTER,
        "human|person|someone|child|family inside vehicle|water_body|fire|collapse|crash",
        window=8,
        unless=_TOPIC,
    ),
    # --- a cry for help --------------------------------------------------------------------------
    rule(UNSURE, "cry_help", unless="seek"),
)
# Safety rule: feeling better cancels no harm already done to the body. Pills swallowed or a
# deep cut "but better now" still need 112 (an overdose of paracetamol feels fine for a day).
_BODILY: Final = frozenset([OVERDOSE, SELF_HARM, MEDICAL])
RULES: Final = tuple(
    replace(item, unless=item.unless - {"fine_now"}) if item.label in _BODILY else item
    for item in _RULES_AS_WRITTEN
)


def _check() -> None:
    for item in RULES:
        named = {name for slot in item.slots for name in slot} | set(item.unless)
        unknown = named - CONCEPT_NAMES
        if unknown:
            raise ValueError(f"rule {item.name} names unknown concepts {sorted(unknown)}")


_check()
