-- Pitchbridge foundation (PostgreSQL). Mirrors ../sqlite/0001_foundation.sql:
-- keep the two in step.

CREATE TABLE clusters (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    position    INTEGER NOT NULL,
    name_ko     TEXT    NOT NULL,
    name_en     TEXT    NOT NULL,
    summary_ko  TEXT    NOT NULL DEFAULT '',
    summary_en  TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE users (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email          TEXT    NOT NULL UNIQUE,  -- stored lower-cased
    display_name   TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('startup', 'investor', 'consultant', 'admin')),
    password_hash  TEXT    NOT NULL,
    locale         TEXT    NOT NULL DEFAULT 'ko' CHECK (locale IN ('ko', 'en')),
    is_active      BOOLEAN NOT NULL DEFAULT TRUE,
    is_demo        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMPTZ NOT NULL
);

-- Companies get their profile, members and pitch pages in later migrations;
-- the row exists from sign-up so clusters can count published ones.
CREATE TABLE companies (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug          TEXT    NOT NULL UNIQUE,
    name_ko       TEXT    NOT NULL,
    name_en       TEXT,
    cluster_id    BIGINT REFERENCES clusters (id),
    published_at  TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE INDEX companies_cluster_published ON companies (cluster_id, published_at);

INSERT INTO clusters (slug, position, name_ko, name_en, summary_ko, summary_en) VALUES
('carbon-materials', 1, '탄소부품소재', 'Carbon Parts & Materials',
 '탄소섬유 발열체, 복합소재 부품 등 탄소 기반 소재와 부품을 만드는 기업과 연구기관의 모임입니다.',
 'Companies and labs making carbon-based materials and parts, from carbon-fibre heating elements to composite components.'),
('it-convergence', 2, 'IT융합', 'IT Convergence',
 '제조 현장에 소프트웨어·센서·통신을 접목하는 IT 융합 기업의 모임입니다.',
 'Firms bringing software, sensors and connectivity to manufacturing.'),
('energy-efficiency', 3, '고효율 에너지', 'High-Efficiency Energy',
 '전력 절감, 에너지 저장, 고효율 설비를 개발하는 기업의 모임입니다.',
 'Companies developing power saving, energy storage and high-efficiency equipment.'),
('smart-devices', 4, '스마트 기기', 'Smart Devices',
 '스마트 가전, 웨어러블, 산업용 스마트 기기를 만드는 기업의 모임입니다.',
 'Makers of smart appliances, wearables and industrial smart devices.'),
('3d-printing', 5, '3D프린팅', '3D Printing',
 '적층제조 장비, 소재, 출력 서비스를 다루는 기업의 모임입니다.',
 'Companies in additive-manufacturing equipment, materials and printing services.'),
('gb-agri-bio', 6, '경북농생명산업융합', 'Gyeongbuk Agri-Bio Convergence',
 '농업과 생명공학, 식품을 잇는 경북 지역 융합 기업의 모임입니다.',
 'Gyeongbuk firms linking agriculture, biotechnology and food.'),
('gb-industry-academia', 7, '경북산학융합', 'Gyeongbuk Industry-Academia Convergence',
 '대학·연구소와 기업이 공동 연구와 인력 양성을 함께하는 산학융합 모임입니다.',
 'Universities, institutes and companies sharing research and training.'),
('gb-agro-industrial', 8, '경북농공', 'Gyeongbuk Agro-Industrial',
 '경북 농공단지 입주기업의 생산·판로 협력 모임입니다.',
 'Companies in Gyeongbuk agro-industrial complexes cooperating on production and sales.');
