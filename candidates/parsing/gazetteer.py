"""Small place-name lists: enough to recognise a location line, not a geocoder."""

from __future__ import annotations

US_STATES = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
    "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
    "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
}
US_STATE_NAMES = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
    "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska",
    "nevada", "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
    "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
    "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming",
}
CA_PROVINCES = {"ON", "QC", "BC", "AB", "MB", "SK", "NS", "NB", "NL", "PE"}
COUNTRIES = {
    "usa", "us", "u.s.", "u.s.a.", "united states", "united states of america", "canada", "mexico", "brazil",
    "argentina", "chile", "colombia", "peru", "uk", "u.k.", "united kingdom", "england", "scotland", "wales",
    "ireland", "france", "germany", "spain", "portugal", "italy", "netherlands", "the netherlands", "belgium",
    "switzerland", "austria", "sweden", "norway", "denmark", "finland", "poland", "czech republic", "czechia",
    "hungary", "romania", "greece", "turkey", "israel", "egypt", "nigeria", "kenya", "south africa", "morocco",
    "india", "pakistan", "bangladesh", "sri lanka", "nepal", "china", "prc", "p.r. china", "pr china",
    "hong kong", "taiwan", "japan", "south korea", "korea", "singapore", "malaysia", "indonesia", "thailand",
    "vietnam", "philippines", "australia", "new zealand", "uae", "united arab emirates", "saudi arabia",
    "qatar", "ukraine", "russia", "estonia", "lithuania", "latvia", "luxembourg", "iceland", "serbia", "croatia",
    "bulgaria", "slovakia", "slovenia", "ghana", "ethiopia", "iran", "iraq", "jordan", "lebanon",
    "italia", "deutschland", "españa", "espana", "méxico", "brasil", "schweiz", "suisse", "österreich", "polska",
    "nederland", "belgique", "belgië", "sverige", "norge", "danmark", "suomi", "éire", "türkiye", "россия", "中国",
    "venezuela", "ecuador", "uruguay", "paraguay", "bolivia", "costa rica", "panama", "guatemala", "cuba",
    "dominican republic", "puerto rico", "jamaica", "trinidad and tobago", "tunisia", "algeria", "uganda", "tanzania",
    "rwanda", "zimbabwe", "zambia", "cameroon", "senegal", "ivory coast", "côte d'ivoire", "kuwait", "bahrain", "oman",
    "cyprus", "malta", "north macedonia", "albania", "bosnia and herzegovina", "montenegro", "moldova", "belarus",
    "georgia", "armenia", "azerbaijan", "kazakhstan", "uzbekistan", "mongolia", "cambodia", "laos", "myanmar",
}
CITIES = {
    # North America
    "new york", "new york city", "nyc", "brooklyn", "manhattan", "san francisco", "los angeles", "san jose",
    "san diego", "oakland", "palo alto", "mountain view", "sunnyvale", "menlo park", "cupertino", "berkeley",
    "seattle", "redmond", "bellevue", "portland", "boston", "cambridge", "chicago", "austin", "dallas", "houston",
    "san antonio", "denver", "boulder", "atlanta", "miami", "orlando", "tampa", "phoenix", "las vegas",
    "salt lake city", "minneapolis", "detroit", "pittsburgh", "philadelphia", "washington", "washington dc",
    "washington, d.c.", "baltimore", "raleigh", "durham", "charlotte", "nashville", "columbus", "cleveland",
    "st. louis", "kansas city", "sacramento", "irvine", "santa clara", "toronto", "vancouver", "montreal",
    "ottawa", "calgary", "waterloo", "mexico city",
    # Europe
    "london", "manchester", "edinburgh", "dublin", "paris", "lyon", "berlin", "munich", "hamburg", "frankfurt",
    "cologne", "stuttgart", "amsterdam", "rotterdam", "the hague", "eindhoven", "brussels", "zurich", "geneva",
    "vienna", "stockholm", "oslo", "copenhagen", "helsinki", "warsaw", "krakow", "prague", "budapest",
    "bucharest", "madrid", "barcelona", "lisbon", "porto", "rome", "milan", "athens", "istanbul", "tallinn",
    "kyiv", "kiev", "riga", "vilnius", "belgrade", "zagreb", "sofia",
    # Asia-Pacific, Middle East, Africa
    "tokyo", "osaka", "kyoto", "seoul", "busan", "singapore", "hong kong", "taipei", "bangkok",
    "kuala lumpur", "jakarta", "manila", "ho chi minh city", "hanoi", "bangalore", "bengaluru", "mumbai",
    "delhi", "new delhi", "gurgaon", "gurugram", "noida", "hyderabad", "chennai", "pune", "kolkata",
    "karachi", "lahore", "dhaka", "colombo", "dubai", "abu dhabi", "doha", "riyadh", "tel aviv", "jerusalem",
    "cairo", "lagos", "nairobi", "cape town", "johannesburg", "sydney", "melbourne", "brisbane", "perth",
    "auckland", "wellington",
    # China (pinyin)
    "beijing", "shanghai", "shenzhen", "guangzhou", "hangzhou", "nanjing", "wuhan", "chengdu", "xi'an", "xian",
    "suzhou", "tianjin", "chongqing", "xiamen", "qingdao", "dalian", "changsha", "hefei", "zhengzhou", "jinan",
    "shenyang", "harbin", "kunming", "fuzhou", "ningbo", "dongguan", "zhuhai", "foshan",
    "remote",
    # Native spellings
    "milano", "roma", "torino", "napoli", "firenze", "bologna", "venezia", "genova", "münchen", "köln", "wien",
    "zürich", "genève", "praha", "warszawa", "kraków", "wrocław", "gdańsk", "poznań", "lisboa", "sevilla", "valencia",
    "bilbao", "málaga", "bruxelles", "brussel", "den haag", "utrecht", "antwerpen", "københavn", "göteborg", "malmö",
    "moskva", "sankt-peterburg", "kyiv", "athina", "bucurești", "beograd", "ljubljana", "bratislava", "tallinn",
    "montréal", "québec", "ciudad de méxico", "são paulo", "rio de janeiro", "buenos aires", "bogotá", "lima",
    "santiago", "medellín", "guadalajara", "monterrey", "porto alegre", "belo horizonte", "brasília", "curitiba",
    "marseille", "toulouse", "nice", "nantes", "strasbourg", "bordeaux", "lille", "rennes", "grenoble", "düsseldorf",
    "leipzig", "dresden", "hannover", "nürnberg", "bremen", "essen", "dortmund", "karlsruhe", "mannheim", "heidelberg",
    "bonn", "aachen", "freiburg", "basel", "bern", "lausanne", "luxembourg", "monaco", "rotterdam", "eindhoven",
    "glasgow", "birmingham", "leeds", "liverpool", "bristol", "sheffield", "nottingham", "newcastle", "cardiff",
    "belfast", "oxford", "cork", "galway", "reading", "brighton", "southampton", "leicester", "coventry", "aberdeen",
}
CN_CITIES = {
    "北京", "上海", "深圳", "广州", "杭州", "南京", "武汉", "成都", "西安", "苏州", "天津", "重庆", "厦门", "青岛",
    "大连", "长沙", "合肥", "郑州", "济南", "沈阳", "哈尔滨", "昆明", "福州", "宁波", "东莞", "珠海", "佛山", "无锡",
    "香港", "台北", "澳门", "南昌", "太原", "石家庄", "长春", "南宁", "贵阳", "兰州", "乌鲁木齐", "海口", "三亚",
    "温州", "常州", "徐州", "烟台", "惠州", "中山", "绍兴", "嘉兴", "金华", "洛阳", "保定", "呼和浩特",
}
