"""Fictional people, companies and jobs for the demo and for benchmarks. No real person is named."""
from __future__ import annotations

FIRST_NAMES = [
    "Avery", "Jordan", "Riley", "Morgan", "Casey", "Quinn", "Harper", "Rowan", "Elliot", "Skyler",
    "Amara", "Dario", "Ingrid", "Tobias", "Leilani", "Matteo", "Nadia", "Oskar", "Priya", "Santiago",
    "Yara", "Emeka", "Freya", "Hiroshi", "Isabela", "Kofi", "Lucía", "Mirela", "Nikhil", "Sofia",
]
LAST_NAMES = [
    "Abernathy", "Brightwater", "Calloway", "Delacroix", "Everhart", "Fairbanks", "Greenvale", "Holloway",
    "Ironwood", "Jasperson", "Kingsley", "Larkspur", "Merriweather", "Northcott", "Okonkwo", "Pemberton",
    "Quillfeather", "Ravensworth", "Silverton", "Thistlewood", "Underhill", "Vantongeren", "Whitlock", "Yarrow",
]
CHINESE_SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"]
CHINESE_GIVEN = ["子涵", "浩然", "雨桐", "思远", "欣怡", "俊杰", "梓萱", "宇航", "晓明", "嘉怡"]

COMPANIES = [
    "Northwind Analytics", "Bluefin Robotics", "Cobalt Ledger", "Driftwood Labs", "Emberline Health",
    "Foxglove Media", "Granite Peak Logistics", "Halcyon Energy", "Juniper Fintech", "Kestrel Aerospace",
    "Lumen Grid", "Marigold Foods", "Nimbus Cloudworks", "Orchid Biotech", "Pinecrest Insurance",
]
SCHOOLS = [
    "Westbrook University", "Lakeshore Institute of Technology", "Eastvale College", "Summit State University",
    "Riverside Polytechnic", "Harbour City University", "Northfield School of Business",
]
DEGREES = ["B.Sc. Computer Science", "B.Eng. Electrical Engineering", "M.S. Data Science", "MBA", "B.A. Economics", "Ph.D. Physics"]
CITIES = ["Berlin", "London", "Toronto", "Austin, TX", "Shanghai", "Singapore", "Amsterdam", "Remote", "Lisbon", "Sydney"]
SKILLS = [
    "Python", "Django", "PostgreSQL", "Go", "Kubernetes", "React", "TypeScript", "AWS", "Terraform", "Kafka",
    "Machine Learning", "SQL", "Java", "Spring", "Rust", "Figma", "Product Management", "Salesforce",
    "Data Analysis", "Tableau", "Recruiting", "Negotiation", "Docker", "Redis", "GraphQL", "Swift",
]

JOBS = [
    ("Senior Backend Engineer", "Engineering", "Berlin", "hybrid", ["Distributed systems", "Code quality", "Communication"]),
    ("Frontend Engineer", "Engineering", "Remote", "remote", ["UI craft", "Accessibility", "Collaboration"]),
    ("Data Scientist", "Data", "London", "hybrid", ["Statistics", "Machine learning", "Storytelling"]),
    ("Site Reliability Engineer", "Engineering", "Toronto", "remote", ["Incident response", "Automation"]),
    ("Product Designer", "Design", "Amsterdam", "hybrid", ["Interaction design", "Research", "Communication"]),
    ("Product Manager, Payments", "Product", "Singapore", "onsite", ["Prioritisation", "Stakeholders", "Domain"]),
    ("Sales Development Representative", "Sales", "Austin, TX", "onsite", ["Prospecting", "Resilience"]),
    ("Customer Success Manager", "Customer Success", "Lisbon", "hybrid", ["Empathy", "Account growth"]),
    ("Machine Learning Engineer", "Data", "Shanghai", "hybrid", ["Modelling", "Production ML", "Communication"]),
    ("Technical Recruiter", "People", "Remote", "remote", ["Sourcing", "Candidate experience"]),
    ("Finance Analyst", "Finance", "London", "onsite", ["Modelling", "Attention to detail"]),
    ("Mobile Engineer (iOS)", "Engineering", "Sydney", "hybrid", ["Swift", "Product sense"]),
]
TITLES = [
    "Software Engineer", "Senior Software Engineer", "Data Analyst", "Product Designer", "Engineering Manager",
    "SRE", "Account Executive", "Product Manager", "ML Engineer", "Frontend Developer",
]
REJECTION_REASONS = ["Not enough experience", "Position filled", "Salary expectations", "Failed technical interview"]
