"""Run every importer in dependency order: python gazetteer/importers/run_all.py"""

import countries
import subdivisions
import cities
import us_counties

if __name__ == "__main__":
    countries.main()
    subdivisions.main()
    cities.main()
    us_counties.main()
