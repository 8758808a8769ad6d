/** The site (`site`): grid, power prices, spot market, outages, backup and weather; a variant may change the keys in VARIANT_SITE. */
import { HOURS_PER_YEAR } from '../../core/time.js';
import { DEFAULT_FOUR_CP } from '../../site/demand-response.js';
import { NO_PRICE_LIMITS } from '../../site/spot-price.js';
import { CENTRAL_TEXAS_WEATHER } from '../../site/weather.js';
import { boolean, json, number, pick, quantity, ref, section, string } from './define.js';

export const PPA = section({
  block: quantity('power', { min: 0, description: 'Contracted power, e.g. "600 MW".' }),
  price: quantity('energyPrice', { min: 0, plausible: [{ lo: 5, hi: 500, unit: 'USD/MWh', what: 'a PPA price', source: 'miners pay ~27–80 USD/MWh' }], description: 'Its price, e.g. "35 USD/MWh".' })
}, { required: ['block', 'price'], description: 'A fixed-price power purchase agreement: the block is paid for whether used or not.' });

// Defaults are assumptions of ours: a day of fuel on site, ten minutes of UPS, one start in a hundred failing.
export const BACKUP = section({
  capacity: quantity('power', { min: 0, description: 'Facility power (IT and its cooling) the generators carry, e.g. "30 MW".' }),
  fuel: quantity('duration', { min: 0, default: 24, description: 'Hours of fuel on site, e.g. "48 h"; default 24 h.' }),
  ups: quantity('duration', { min: 0, default: 10 / 60, description: 'UPS ride-through when the generators fail to start, e.g. "10 minute"; default 10 minutes.' }),
  startFailure: number({ min: 0, max: 1, default: 0.01, schemaBounds: ['min', 'max'], description: 'Chance the generators fail to start at an outage; default 0.01.' })
}, { required: ['capacity'], description: 'UPS and generators for the HPC halls (a leased hall first, then an owned GPU hall); mining is shed for the whole outage.' });

export const SITE = section({
  grid: quantity('power', { min: 0, plausible: [{ lo: 1, hi: 5000, unit: 'MW', what: 'a site’s grid connection', source: 'CleanSpark ~1,027 MW across its sites' }], description: 'Grid interconnection, e.g. "300 MW".' }),
  powerPrice: quantity('energyPrice', { min: 0, plausible: [{ lo: 5, hi: 500, unit: 'USD/MWh', what: 'a price of power', source: 'miners pay ~27–80 USD/MWh (filings, Luxor)' }], description: 'Flat price of power beyond any PPA block, e.g. "45 USD/MWh", when no spot market is modelled.' }),
  ppa: ref('ppa'),
  sellBack: boolean('May unused PPA power be sold back at spot? Default false.'),
  spot: section({
    median: quantity('energyPrice', { above: 0, plausible: [{ lo: 5, hi: 500, unit: 'USD/MWh', what: 'a median spot price', source: 'wholesale power ~20–80 USD/MWh' }], description: 'Median price, e.g. "40 USD/MWh".' }),
    reversion: number({ default: 200, description: 'Reversion of the log price per year; default 200 (shocks fade in about a day).' }),
    volatility: number({ min: 0, default: 8, description: 'Volatility of the log price per √year; default 8.' }),
    hourOfDay: json({ type: 'array', items: { type: 'number' } }, '24 price multipliers by hour of day; default flat.'),
    seasonal: number({ default: 0, description: 'Seasonal amplitude of the log price; default 0.' }),
    peakDay: number({ default: 213, description: 'Day of the year when the season peaks (0 = 1 January); default 213 (August).' }),
    spikes: section({
      rate: number({ default: 0, description: 'Spikes per year; default 0.' }),
      size: number({ default: 4, description: 'Price multiple during a spike minus 1, e.g. 9 for ten times; default 4.' }),
      hours: number({ default: 3, description: 'Hours a spike lasts; default 3.' })
    }),
    negative: section({
      rate: number({ min: 0, default: NO_PRICE_LIMITS.negativePerYear, description: 'Spells per year.' }),
      hours: quantity('duration', { above: 0, default: NO_PRICE_LIMITS.negativeHours, description: 'How long a spell lasts, e.g. "4 h"; default 3 h.' }),
      price: quantity('energyPrice', { below: 0, default: NO_PRICE_LIMITS.negativeUSDPerMWh, plausible: [{ lo: -1000, hi: 0, unit: 'USD/MWh', what: 'a negative spot price', source: 'ERCOT offers may go down to −250 USD/MWh' }], description: 'The price during a spell, below zero, e.g. "-20 USD/MWh"; default -10 USD/MWh.' })
    }, { required: ['rate'], description: 'Spells of negative prices (more wind or sun than the grid can take): Poisson arrivals.' }),
    floor: quantity('energyPrice', { default: NO_PRICE_LIMITS.floorUSDPerMWh, plausible: [{ lo: -2000, hi: 0, unit: 'USD/MWh', what: 'a spot market’s offer floor', source: 'ERCOT −250 USD/MWh' }], description: 'The market\'s offer floor: no hour is priced below it, e.g. "-250 USD/MWh"; default none.' }),
    cap: quantity('energyPrice', { above: 0, default: NO_PRICE_LIMITS.capUSDPerMWh, plausible: [{ lo: 100, hi: 20_000, unit: 'USD/MWh', what: 'a spot market’s offer cap', source: 'ERCOT 5,000 USD/MWh (9,000 in 2015–2021)' }], description: 'The market\'s offer cap: no hour is priced above it, e.g. "5000 USD/MWh" (ERCOT); default none.' })
  }, { required: ['median'], description: 'Hourly spot market: a mean-reverting log price with daily and seasonal shape, spikes, spells of negative prices, and an offer floor and cap. Shared by every variant.' }),
  outages: section({
    rate: number({ min: 0, description: 'Outages per year, e.g. 1.2 (EIA: 1.0–1.4).' }),
    duration: quantity('duration', { above: 0, default: 3, description: 'Mean duration, e.g. "3 h"; default 3 h.' }),
    durationSd: quantity('duration', { min: 0, description: 'Standard deviation of the duration; default equal to the mean.' })
  }, { required: ['rate'], description: 'Grid outages: Poisson arrivals, lognormal durations. Shared by every variant.' }),
  backup: ref('backup'),
  weather: section({
    csv: string('An hourly CSV relative to this file (columns hour or time, dry_bulb_c, wet_bulb_c or relative_humidity), one row per hour of the horizon; replaces the climate keys.'),
    mean: quantity('temperature', { default: CENTRAL_TEXAS_WEATHER.meanTempC, description: 'Annual mean dry bulb, e.g. "20.4 degC".' }),
    seasonalAmplitude: quantity('temperatureDifference', { default: CENTRAL_TEXAS_WEATHER.annualAmplitudeC, description: 'Half the winter–summer swing of the daily mean, e.g. "9.6 degC".' }),
    warmestDay: number({ default: CENTRAL_TEXAS_WEATHER.warmestDayOfYear, description: 'Day of the year of the warmest season (0 = 1 January); default 205.' }),
    dailyAmplitude: quantity('temperatureDifference', { default: CENTRAL_TEXAS_WEATHER.dailyAmplitudeC, description: 'Half the night–afternoon swing, e.g. "6 degC".' }),
    warmestHour: number({ default: CENTRAL_TEXAS_WEATHER.warmestHourOfDay, description: 'Hour of the daily maximum; default 15.' }),
    noise: quantity('temperatureDifference', { default: CENTRAL_TEXAS_WEATHER.noiseSdC, description: 'Standard deviation of the weather noise, e.g. "2.5 degC".' }),
    persistence: quantity('duration', { min: 0, max: HOURS_PER_YEAR, default: -1 / Math.log(CENTRAL_TEXAS_WEATHER.noiseAutocorrelationPerHour), description: 'E-folding time of the weather noise (how long a heatwave lasts), e.g. "48 h".' }),
    humidity: number({ default: CENTRAL_TEXAS_WEATHER.meanRelativeHumidity, description: "Relative humidity (0–1) at the day's mean temperature; default 0.58." }),
    dewPointNoise: quantity('temperatureDifference', { default: CENTRAL_TEXAS_WEATHER.dewPointNoiseSdC, description: 'Standard deviation of the day-to-day dew-point noise, e.g. "2 degC".' })
  }, { description: 'Hourly weather at the site, shared by every variant: dry bulb as annual + daily cycles + autocorrelated noise, humidity as a dew point, wet bulb by Stull 2011. Defaults: central Texas (NOAA normals for Austin). Or an hourly CSV.' }),
  demandResponse: section({
    fourCp: section({
      transmission: quantity('rentPerPower', { min: 0, default: DEFAULT_FOUR_CP.transmissionUSDPerKWYear / 12, description: 'Transmission charge per kW of 4CP demand, e.g. "76 USD/kW/year" (Enel X); default 76.' }),
      alertHours: number({ default: DEFAULT_FOUR_CP.alertHoursPerMonth, description: 'Hours curtailed in each summer month; default 4.' }),
      forecastError: number({ default: DEFAULT_FOUR_CP.forecastErrorSd, description: "Standard deviation of ln(forecast/actual) of a day's load; default 0.03." }),
      balanceTemp: quantity('temperature', { default: DEFAULT_FOUR_CP.balanceTempC, description: 'Temperature above which air conditioning adds load, e.g. "18 degC".' }),
      coolingLoad: number({ default: DEFAULT_FOUR_CP.coolingLoadPerC, description: 'Added load per °C above it, as a share of the base; default 0.03.' }),
      peakHour: number({ default: DEFAULT_FOUR_CP.peakHourOfDay, description: 'Hour of the day the base load peaks; default 17.' }),
      dailySwing: number({ default: DEFAULT_FOUR_CP.dailySwing, description: 'Half the daily swing of the base load as a share; default 0.2.' })
    }, { description: "ERCOT 4CP: curtail the k hours of each June–September with the highest forecast system load (a weather-driven proxy); the MW curtailed at each month's actual peak avoid a quarter of a year's transmission charge. Needs site.weather." }),
    price: section({
      threshold: quantity('energyPrice', { description: 'Curtail while spot ≥ this, e.g. "200 USD/MWh".' }),
      credit: quantity('energyPrice', { min: 0, default: 0, description: 'Paid per MWh curtailed, e.g. "20 USD/MWh"; default 0.' })
    }, { required: ['threshold'], description: 'Curtail while spot is at or above a threshold, paid a credit per MWh curtailed. Needs site.spot.' })
  }, { description: 'Demand-response programs that curtail mining (unless a variant sets mining.demandResponse: false). Shared by every variant.' }),
  derates: section({
    rate: number({ min: 0, description: 'Derates a year.' }),
    duration: quantity('duration', { above: 0, default: 12, description: 'Mean duration, e.g. "12 h"; default 12 h.' }),
    durationSd: quantity('duration', { min: 0, description: 'Spread of the duration; default the mean.' }),
    lost: number({ max: 1, above: 0, description: 'Share of the connection unavailable during a derate, e.g. 0.4.' })
  }, { required: ['rate', 'lost'], description: "Partial grid derates (a transmission constraint, a substation fault): Poisson arrivals, lognormal durations, each taking a share of the connection; mining gives way first, then the GPU hall's lower classes." })
});

/** The keys of the site a variant may change (the rest is the shared world). */
export const VARIANT_SITE = pick(SITE, ['grid', 'powerPrice', 'ppa', 'sellBack', 'backup']);
