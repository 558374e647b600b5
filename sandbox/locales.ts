/**
 * Name, city, company and phone pools for the generated contacts, across many languages and
 * scripts. Non-Latin entries carry a romanised form (`native:ascii`) used for email addresses.
 */

export interface Named {
  native: string;
  ascii: string;
}

export interface Locale {
  key: string;
  weight: number;
  first: Named[];
  last: Named[];
  /** city and its country */
  cities: { city: string; country: string }[];
  /** '#' is a digit */
  phones: string[];
  companies: Named[];
  jobtitles: string[];
}

export function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[łŁ]/g, 'l')
    .replace(/[đĐ]/g, 'd')
    .replace(/[ıİ]/g, 'i')
    .replace(/[þÞ]/g, 'th')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function named(list: string): Named[] {
  return list.split('|').map((entry) => {
    const colon = entry.indexOf(':');
    if (colon < 0) return { native: entry, ascii: asciiFold(entry) };
    return { native: entry.slice(0, colon), ascii: entry.slice(colon + 1) };
  });
}

function cities(list: string, defaultCountry: string): { city: string; country: string }[] {
  return list.split('|').map((entry) => {
    const [city = entry, country = defaultCountry] = entry.split(';');
    return { city, country };
  });
}

const GENERIC_TITLES = [
  'Marketing Manager', 'Head of Sales', 'VP Engineering', 'CEO', 'Founder & CEO', 'Account Executive',
  'Customer Success Manager', 'Office Manager', 'Operations Director', 'Software Engineer',
  'Product Manager', 'CFO', 'HR Business Partner', 'Procurement Lead', 'Data Analyst', 'Designer',
  'Consultant', 'Sales Development Representative', 'Chief Revenue Officer', 'IT Administrator',
];

export const LOCALES: Locale[] = [
  {
    key: 'en-US', weight: 20,
    first: named('James|Mary|Robert|Patricia|John|Jennifer|Michael|Linda|David|Elizabeth|William|Barbara|Richard|Susan|Joseph|Jessica|Thomas|Sarah|Christopher|Karen|Daniel|Emily|Matthew|Ashley|Anthony|Olivia|Mark|Sophia|Kevin|Megan|DeShawn|Aaliyah'),
    last: named("Smith|Johnson|Williams|Brown|Jones|Garcia|Miller|Davis|Rodriguez|Martinez|Hernandez|Lopez|Wilson|Anderson|Thomas|Taylor|Moore|Jackson|Martin|Lee|Thompson|White|Harris|Clark|Lewis|Walker|Hall|Young|King|Wright|O'Connor|McAllister"),
    cities: cities('New York|Chicago|Austin|Seattle|Boston|Denver|Atlanta|San Francisco|Portland|Miami|Columbus|Nashville', 'United States'),
    phones: ['+1 (###) ###-####', '+1 ###-###-####', '(###) ###-####', '###.###.####', '+1 ### ### #### ext. ##'],
    companies: [],
    jobtitles: GENERIC_TITLES,
  },
  {
    key: 'en-GB', weight: 6,
    first: named('Oliver|George|Harry|Amelia|Isla|Ava|Jack|Charlotte|Freya|Alfie|Siobhan|Niamh|Rhys|Eilidh|Callum|Imogen'),
    last: named("Taylor|Evans|Thomas|Roberts|Walsh|Wright|Hughes|Edwards|Green|Hall|Wood|Llewellyn|MacDonald|O'Sullivan|Fforde"),
    cities: cities('London|Manchester|Edinburgh;United Kingdom|Cardiff|Bristol|Leeds|Glasgow|Belfast|Dublin;Ireland', 'United Kingdom'),
    phones: ['+44 20 7946 0###', '+44 7700 900###', '020 7946 0###', '+44 (0)161 496 0###'],
    companies: [],
    jobtitles: GENERIC_TITLES,
  },
  {
    key: 'es', weight: 6,
    first: named('José|María|Álvaro|Lucía|Sofía|Martín|Iñigo|Begoña|Jesús|Ramón|Nuria|Adrián|Elena|Pilar|Ángel'),
    last: named('García|Fernández|González|Rodríguez|López|Martínez|Sánchez|Pérez|Gómez|Álvarez|Muñoz|Núñez|Ibáñez|Peña|Castillo'),
    cities: cities('Madrid|Barcelona|Sevilla|València|Bilbao|Málaga|Zaragoza|A Coruña|Palma', 'Spain'),
    phones: ['+34 6## ### ###', '+34 91 ### ## ##', '6## ## ## ##'],
    companies: named('Soluciones Ibéricas S.L.|Construcciones Peña y Hermanos, S.A.|Café del Sol S.L.'),
    jobtitles: ['Director de Ventas', 'Directora de Marketing', 'Jefe de Compras', 'Ingeniera de Software', ...GENERIC_TITLES],
  },
  {
    key: 'es-MX', weight: 3,
    first: named('Guadalupe|Ximena|Santiago|Mateo|Valentina|Diego|Camila|Rocío|Itzel|Emiliano'),
    last: named('Hernández|Ramírez|Cruz|Flores|Ortiz|Vázquez|Domínguez|Xicoténcatl|Reyes'),
    cities: cities('Ciudad de México|Guadalajara|Monterrey|Puebla|Mérida|Querétaro|Bogotá;Colombia|Lima;Peru|Buenos Aires;Argentina', 'Mexico'),
    phones: ['+52 55 #### ####', '+52 1 33 #### ####', '+57 3## ### ####', '+54 9 11 ####-####'],
    companies: named('Grupo Azteca Digital|Distribuidora Norteña, S.A. de C.V.'),
    jobtitles: ['Gerente General', 'Coordinadora de Ventas', ...GENERIC_TITLES],
  },
  {
    key: 'fr', weight: 5,
    first: named('Chloé|Léa|Hélène|Amélie|François|Jérôme|Benoît|Cécile|Gaëlle|Noël|Anaïs|Théo|Raphaël|Maëlys|Loïc|Zoë'),
    last: named("Dubois|Lefèvre|Moreau|Girard|Bézier|Rousseau|Lemaître|Fournier|Mercier|Dupré|Fontaine|D'Artagnan|Château"),
    cities: cities('Paris|Lyon|Marseille|Orléans|Besançon|Nîmes|Saint-Étienne|Montréal;Canada|Québec;Canada|Genève;Switzerland|Bruxelles;Belgium', 'France'),
    phones: ['+33 6 ## ## ## ##', '+33 (0)1 ## ## ## ##', '06 ## ## ## ##', '+1 514 ###-####'],
    companies: named('Société Générale des Écoles|Les Délices de Noël SARL|Ateliers Lefèvre & Fils'),
    jobtitles: ['Directeur commercial', 'Chargée de communication', 'Responsable achats', ...GENERIC_TITLES],
  },
  {
    key: 'de', weight: 5,
    first: named('Jürgen|Jörg|Björn|Günther|Käthe|Lena|Lukas|Mia|Felix|Sönke|Uwe|Anja|Maximilian|Ömer|Zoë'),
    last: named('Müller|Schröder|Groß|Weiß|Schäfer|Fischer|Weber|Köhler|Krüger|Hoffmann|Schmitz|Bäcker|Vogel|Straßburger'),
    cities: cities('Berlin|München|Hamburg|Köln|Düsseldorf|Nürnberg|Frankfurt am Main|Leipzig|Wien;Austria|Zürich;Switzerland', 'Germany'),
    phones: ['0049 30 #######', '+49 30 ########', '030 #######', '+49 (0)89 ######', '+43 1 ### ####'],
    companies: named('Müller & Söhne GmbH|Bäckerei Groß KG|Weiß Maschinenbau AG|Straßenbau Köhler GmbH & Co. KG'),
    jobtitles: ['Geschäftsführer', 'Leiterin Vertrieb', 'Einkäufer', ...GENERIC_TITLES],
  },
  {
    key: 'pt-BR', weight: 4,
    first: named('João|Conceição|Luíza|Gonçalo|Thiago|Ana|Beatriz|Caio|Letícia|Antônio|Sebastião|Inês'),
    last: named('Silva|Santos|Oliveira|Gonçalves|Araújo|Conceição|Magalhães|Simões|Lima|Pereira|Assunção'),
    cities: cities('São Paulo|Rio de Janeiro|Belo Horizonte|Brasília|Florianópolis|Goiânia|Lisboa;Portugal|Porto;Portugal', 'Brazil'),
    phones: ['+55 11 9####-####', '+55 (21) 9####-####', '+351 91# ### ###'],
    companies: named('Padaria Pão de Açúcar Ltda.|Soluções Gonçalves & Cia.'),
    jobtitles: ['Gerente de Vendas', 'Analista de Marketing', ...GENERIC_TITLES],
  },
  {
    key: 'it', weight: 3,
    first: named('Niccolò|Giulia|Francesca|Lorenzo|Matteo|Chiara|Andrea|Giovanni|Elena|Ludovica'),
    last: named("Rossi|Russo|Ferrari|Esposito|Bianchi|Romano|Colombo|D'Angelo|De Luca|Mancini|Lo Bianco"),
    cities: cities('Roma|Milano|Napoli|Torino|Firenze|Bologna|Forlì|Cantù', 'Italy'),
    phones: ['+39 3## ### ####', '+39 06 #### ####'],
    companies: named('Pasticceria Dolce Vita S.r.l.|Officine Ferrari & C. S.p.A.'),
    jobtitles: ['Responsabile Commerciale', ...GENERIC_TITLES],
  },
  {
    key: 'nl', weight: 2,
    first: named('Zoë|Sanne|Daan|Bram|Femke|Thijs|Anouk|Joëlle|Sven|IJsbrand'),
    last: named('de Vries|van den Berg|Jansen|Bakker|Visser|Smit|van Dijk|de Jong|Meijer|van der Meulen'),
    cities: cities('Amsterdam|Rotterdam|Utrecht|Den Haag|Eindhoven|Antwerpen;Belgium', 'Netherlands'),
    phones: ['+31 6 #### ####', '+31 (0)20 ### ####', '06-########'],
    companies: named('Van der Meulen B.V.|Fietsenmakerij de Jong'),
    jobtitles: GENERIC_TITLES,
  },
  {
    key: 'nordic', weight: 3,
    first: named('Søren|Åsa|Bjørn|Ingrid|Freja|Mads|Linnéa|Ståle|Sigrún|Björk|Æsa|Þórunn:thorunn'),
    last: named('Jensen|Nielsen|Sørensen|Andersson|Johansson|Ødegård|Løkke|Lindqvist|Jónsdóttir|Håkansson|Þórsson:thorsson'),
    cities: cities('København;Denmark|Aarhus;Denmark|Stockholm;Sweden|Göteborg;Sweden|Oslo;Norway|Tromsø;Norway|Reykjavík;Iceland|Helsinki;Finland', 'Denmark'),
    phones: ['+45 ## ## ## ##', '+46 70 ### ## ##', '+47 ### ## ###', '+354 ### ####', '+358 40 ### ####'],
    companies: named('Ødegård Fiskeri AS|Håkansson & Co AB|Bjørnstad ApS'),
    jobtitles: ['Salgschef', 'Försäljningschef', ...GENERIC_TITLES],
  },
  {
    key: 'pl-cz', weight: 3,
    first: named('Łukasz|Paweł|Małgorzata|Agnieszka|Krzysztof|Zofia|Wojciech|Żaneta|Jiří|Tomáš|Lucie|Šárka'),
    last: named('Kowalski|Wiśniewska|Wójcik|Kamińska|Lewandowski|Zieliński|Szymańska|Dvořák|Novotná|Černý|Procházka|Grzegorzewska'),
    cities: cities('Warszawa;Poland|Kraków;Poland|Łódź;Poland|Wrocław;Poland|Gdańsk;Poland|Praha;Czechia|Brno;Czechia|Bratislava;Slovakia', 'Poland'),
    phones: ['+48 ### ### ###', '+48 22 ### ## ##', '+420 6## ### ###'],
    companies: named('Przedsiębiorstwo Handlowe „Łąka” Sp. z o.o.|Dvořák a syn s.r.o.'),
    jobtitles: ['Kierownik sprzedaży', 'Obchodní ředitel', ...GENERIC_TITLES],
  },
  {
    key: 'tr', weight: 2,
    first: named('Ayşe|Mehmet|Çağla|Gökhan|Şule|İbrahim|Özge|Uğur|Ömer|Işıl'),
    last: named('Yılmaz|Kaya|Demir|Şahin|Çelik|Öztürk|Aydın|Doğan|Kılıç'),
    cities: cities('İstanbul|Ankara|İzmir|Bursa|Antalya|Diyarbakır', 'Turkey'),
    phones: ['+90 5## ### ## ##', '+90 (212) ### ## ##'],
    companies: named('Öztürk Tekstil A.Ş.|Çelik Yapı Ltd. Şti.'),
    jobtitles: ['Satış Müdürü', ...GENERIC_TITLES],
  },
  {
    key: 'vi', weight: 2,
    first: named('Anh|Thảo|Dũng|Hương|Minh|Phương|Quỳnh|Tuấn|Đức|Ngọc'),
    last: named('Nguyễn|Trần|Lê|Phạm|Hoàng|Võ|Đặng|Bùi|Đỗ'),
    cities: cities('Hà Nội|Thành phố Hồ Chí Minh|Đà Nẵng|Huế|Hải Phòng', 'Vietnam'),
    phones: ['+84 9# ### ## ##', '+84 (28) #### ####'],
    companies: named('Công ty TNHH Phần mềm Sao Việt'),
    jobtitles: ['Giám đốc kinh doanh', ...GENERIC_TITLES],
  },
  {
    key: 'zh', weight: 5,
    first: named('芳:fang|伟:wei|娜:na|秀英:xiuying|敏:min|静:jing|丽:li|强:qiang|磊:lei|洋:yang|艳:yan|勇:yong|杰:jie|婷:ting|晓明:xiaoming|志豪:zhihao'),
    last: named('王:wang|李:li|张:zhang|刘:liu|陈:chen|杨:yang|黄:huang|赵:zhao|周:zhou|吴:wu|徐:xu|孙:sun|欧阳:ouyang|司马:sima'),
    cities: cities('北京;China|上海;China|深圳;China|广州;China|杭州;China|成都;China|台北;Taiwan|香港;Hong Kong|Singapore;Singapore', 'China'),
    phones: ['+86 138 #### ####', '+86 10 #### ####', '+886 9## ### ###', '+852 #### ####', '+65 #### ####'],
    companies: named('北京星辰科技有限公司:xingchen-tech|上海东方贸易集团:dongfang-trading|深圳华彩电子有限公司:huacai-electronics|台灣精密工業股份有限公司:jingmi'),
    jobtitles: ['销售经理', '市场总监', '技术总监', '首席执行官', ...GENERIC_TITLES],
  },
  {
    key: 'ja', weight: 4,
    first: named('花子:hanako|太郎:taro|陽翔:haruto|結衣:yui|蓮:ren|さくら:sakura|翔太:shota|美咲:misaki|健:ken|あおい:aoi|ユウキ:yuki'),
    last: named('佐藤:sato|鈴木:suzuki|高橋:takahashi|田中:tanaka|伊藤:ito|渡辺:watanabe|山本:yamamoto|中村:nakamura|小林:kobayashi|長谷川:hasegawa'),
    cities: cities('東京|大阪|横浜|名古屋|札幌|福岡|京都|那覇', 'Japan'),
    phones: ['+81 90-####-####', '+81 3-####-####', '090-####-####', '03-####-####'],
    companies: named('株式会社さくら商事:sakura-shoji|富士山テクノロジー株式会社:fujisan-tech|有限会社やまと運輸:yamato-unyu'),
    jobtitles: ['営業部長', 'マーケティング担当', '代表取締役社長', 'エンジニア', ...GENERIC_TITLES],
  },
  {
    key: 'ko', weight: 3,
    first: named('민준:minjun|서연:seoyeon|지우:jiwoo|하은:haeun|도윤:doyun|수빈:subin|예준:yejun|지민:jimin|서준:seojun'),
    last: named('김:kim|이:lee|박:park|최:choi|정:jung|강:kang|조:cho|윤:yoon|남궁:namgung'),
    cities: cities('서울|부산|인천|대구|대전|광주|제주', 'South Korea'),
    phones: ['+82 10-####-####', '+82 2-###-####', '010-####-####'],
    companies: named('(주)한빛소프트:hanbit-soft|푸른바다 무역 주식회사:purunbada'),
    jobtitles: ['마케팅 팀장', '영업 이사', '대표이사', ...GENERIC_TITLES],
  },
  {
    key: 'ar', weight: 3,
    first: named('محمد:mohammed|فاطمة:fatima|أحمد:ahmed|ليلى:layla|يوسف:youssef|مريم:maryam|عمر:omar|نور:nour|خالد:khaled|سارة:sara'),
    last: named('العلي:alali|حداد:haddad|الخطيب:alkhatib|منصور:mansour|السيد:elsayed|عبد الله:abdullah|القحطاني:alqahtani|بن علي:benali'),
    cities: cities('القاهرة;Egypt|دبي;United Arab Emirates|الرياض;Saudi Arabia|عمّان;Jordan|الدار البيضاء;Morocco|بيروت;Lebanon|Dubai;United Arab Emirates', 'Egypt'),
    phones: ['+971 50 ### ####', '+20 10 #### ####', '+966 5# ### ####', '+212 6## ## ## ##'],
    companies: named('شركة الأفق للتجارة:alofok-trading|مجموعة النخيل القابضة:alnakheel'),
    jobtitles: ['مدير المبيعات', 'مديرة التسويق', ...GENERIC_TITLES],
  },
  {
    key: 'he', weight: 1,
    first: named('נועה:noa|איתי:itai|מיכל:michal|יוסף:yosef|תמר:tamar|אורי:ori|שירה:shira'),
    last: named('כהן:cohen|לוי:levi|מזרחי:mizrahi|פרץ:peretz|ביטון:biton|אברהם:avraham'),
    cities: cities('תל אביב-יפו|ירושלים|חיפה|באר שבע', 'Israel'),
    phones: ['+972 5#-###-####', '+972 3-###-####'],
    companies: named('כהן ושות׳ בע״מ:cohen-co|טכנולוגיות הגליל בע״מ:galil-tech'),
    jobtitles: ['מנהלת מכירות', ...GENERIC_TITLES],
  },
  {
    key: 'ru', weight: 4,
    first: named('Александр:aleksandr|Наталья:natalya|Дмитрий:dmitry|Ольга:olga|Сергей:sergey|Екатерина:ekaterina|Иван:ivan|Анастасия:anastasia|Юлия:yulia|Олександр:oleksandr|Ёлка:yolka'),
    last: named('Иванов:ivanov|Смирнова:smirnova|Кузнецов:kuznetsov|Попова:popova|Соколов:sokolov|Шевченко:shevchenko|Лебедева:lebedeva|Козлов:kozlov|Щукин:shchukin'),
    cities: cities('Москва;Russia|Санкт-Петербург;Russia|Новосибирск;Russia|Київ;Ukraine|Львів;Ukraine|Алматы;Kazakhstan|Минск;Belarus|София;Bulgaria', 'Russia'),
    phones: ['+7 9## ###-##-##', '+7 (495) ###-##-##', '+380 67 ### ## ##', '+359 88 ### ####'],
    companies: named('ООО «Ромашка»:romashka|АО «Северсталь-Сервис»:severstal-service|ТОВ «Київ Софт»:kyiv-soft'),
    jobtitles: ['Менеджер по продажам', 'Генеральный директор', 'Бухгалтер', ...GENERIC_TITLES],
  },
  {
    key: 'el', weight: 1,
    first: named('Γιώργος:giorgos|Μαρία:maria|Δημήτρης:dimitris|Ελένη:eleni|Νίκος:nikos|Αικατερίνη:aikaterini|Σοφία:sofia'),
    last: named('Παπαδόπουλος:papadopoulos|Οικονόμου:oikonomou|Γεωργίου:georgiou|Νικολάου:nikolaou|Παππά:pappa'),
    cities: cities('Αθήνα|Θεσσαλονίκη|Πάτρα|Ηράκλειο|Λευκωσία;Cyprus', 'Greece'),
    phones: ['+30 69# ### ####', '+30 210 ### ####', '+357 99 ######'],
    companies: named('Ελληνικά Τρόφιμα Α.Ε.:ellinika-trofima'),
    jobtitles: ['Διευθυντής Πωλήσεων', ...GENERIC_TITLES],
  },
  {
    key: 'hi', weight: 3,
    first: named('आरव:aarav|प्रिया:priya|विवान:vivaan|अनन्या:ananya|राहुल:rahul|दीपिका:deepika|अर्जुन:arjun|स्नेहा:sneha'),
    last: named('शर्मा:sharma|वर्मा:verma|गुप्ता:gupta|सिंह:singh|पटेल:patel|कुमार:kumar|जोशी:joshi'),
    cities: cities('मुंबई|दिल्ली|बेंगलुरु|पुणे|जयपुर|लखनऊ', 'India'),
    phones: ['+91 98### #####', '+91 22 #### ####', '098### #####'],
    companies: named('शर्मा एंटरप्राइज़ेज:sharma-enterprises|भारत सॉफ्टवेयर प्राइवेट लिमिटेड:bharat-software'),
    jobtitles: ['बिक्री प्रबंधक', ...GENERIC_TITLES],
  },
  {
    key: 'en-IN', weight: 3,
    first: named('Aarav|Priya|Rohan|Kavya|Siddharth|Lakshmi|Aditya|Meera|Vikram|Sanjana'),
    last: named('Iyer|Reddy|Nair|Chatterjee|Menon|Krishnan|Banerjee|Rao|Desai'),
    cities: cities('Bengaluru|Chennai|Hyderabad|Kolkata|Pune|Kochi|Colombo;Sri Lanka|Dhaka;Bangladesh', 'India'),
    phones: ['+91 9#### #####', '+91 80 #### ####', '+94 77 ### ####', '+880 17## ######'],
    companies: named('Infinite Loop Technologies Pvt. Ltd.|Reddy & Rao Associates'),
    jobtitles: GENERIC_TITLES,
  },
  {
    key: 'th', weight: 1,
    first: named('สมชาย:somchai|สุดา:suda|ปิยะ:piya|นภา:napa|อนันต์:anan|วันเพ็ญ:wanpen'),
    last: named('ศรีสุข:srisuk|วงศ์ใหญ่:wongyai|ใจดี:jaidee|สุขสวัสดิ์:suksawat|ทองดี:thongdee'),
    cities: cities('กรุงเทพมหานคร|เชียงใหม่|ภูเก็ต|ขอนแก่น', 'Thailand'),
    phones: ['+66 8# ### ####', '+66 2 ### ####'],
    companies: named('บริษัท ไทยเทค จำกัด:thaitech'),
    jobtitles: ['ผู้จัดการฝ่ายขาย', ...GENERIC_TITLES],
  },
  {
    key: 'africa', weight: 3,
    first: named('Chinedu|Ngozi|Oluwaseun|Amara|Kwame|Abena|Thabo|Naledi|Wanjiru|Kofi|Nomvula|Tendai'),
    last: named('Okafor|Adeyemi|Mensah|Nkosi|Mwangi|Otieno|Boateng|Dlamini|Ndlovu|Mutasa'),
    cities: cities('Lagos;Nigeria|Abuja;Nigeria|Accra;Ghana|Nairobi;Kenya|Johannesburg;South Africa|Cape Town;South Africa|Harare;Zimbabwe|Kigali;Rwanda', 'Nigeria'),
    phones: ['+234 80# ### ####', '+233 24 ### ####', '+254 7## ######', '+27 82 ### ####'],
    companies: named('Savannah Logistics Ltd|Ubuntu Digital (Pty) Ltd'),
    jobtitles: GENERIC_TITLES,
  },
];

export const COMPANY_WORDS = [
  'Northwind', 'Contoso', 'Fabrikam', 'Blue Harbor', 'Summit', 'Pinecrest', 'Redwood', 'Bright Path',
  'Nova', 'Vertex', 'Lumen', 'Atlas', 'Orbit', 'Granite', 'Silver Lake', 'Maple', 'Cedar', 'Harbor',
  'Zenith', 'Polar', 'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne',
  'Soylent', 'Hooli', 'Pied Piper', 'Vandelay', 'Oceanic', 'Sterling', 'Wonka', 'Gringotts',
];
export const COMPANY_KINDS = [
  'Industries', 'Traders', 'Logistics', 'Software', 'Labs', 'Health', 'Foods', 'Capital', 'Media',
  'Analytics', 'Robotics', 'Energy', 'Design', 'Consulting', 'Systems', 'Outdoor', 'Pharma', '',
];
export const COMPANY_SUFFIXES = [', Inc.', ' Inc.', ' LLC', ', LLC', ' Ltd', ' GmbH', ' S.A.', ' B.V.', ' AB', ' Co.', ' Group', ' Partners', ' Corp.', ''];
export const FREE_MAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example', 'inbox.example', 'post.example'];
export const LIFECYCLE_STAGES = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'];
export const LEAD_STATUSES = ['NEW', 'OPEN', 'IN_PROGRESS', 'OPEN_DEAL', 'UNQUALIFIED', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', 'BAD_TIMING'];
