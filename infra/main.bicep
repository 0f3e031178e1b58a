// The escalation bot in one resource group: a Function App on Flex Consumption (Node 22), its Storage,
// Cosmos DB for NoSQL (serverless), the Azure Bot with its Teams channel, Application Insights with Log
// Analytics, and a user-assigned managed identity holding every data role, so no key or secret is needed.
// Deploy with `azd up` (azure.yaml) or `az deployment group create`; see docs/deploy.md.
targetScope = 'resourceGroup'

@minLength(1)
@maxLength(40)
@description('A short name for this deployment (azd\'s environment name); it makes the resource names unique.')
param environmentName string

@description('Azure region of every regional resource. UK South by default, for UK data residency.')
@metadata({ azd: { type: 'location' } })
param location string = 'uksouth'

// Bot identity -------------------------------------------------------------------------------------------

@description('UserManagedIdentity: the bot is the managed identity (no secret). ClientSecret: a single-tenant Entra app registration with a client secret.')
@allowed(['UserManagedIdentity', 'ClientSecret'])
param botAuthType string = 'UserManagedIdentity'

@description('With botAuthType ClientSecret only: the Entra app registration\'s application (client) id.')
param botAppRegistrationClientId string = ''

@secure()
@description('With botAuthType ClientSecret only: the app registration\'s client secret. Never commit it.')
param botClientSecret string = ''

@description('The council\'s Microsoft Entra tenant id: the bot\'s home tenant.')
param botTenantId string = tenant().tenantId

@description('Comma-separated tenant ids whose Teams users may use the bot; empty: the bot\'s own tenant only.')
param allowedTenantIds string = ''

@description('Overrides the Bot Framework OpenID metadata address; leave empty.')
param botOpenIdMetadataUrl string = ''

@description('Name shown for the bot in the Azure Bot resource.')
param botDisplayName string = 'Escalations'

@allowed(['F0', 'S1'])
@description('Azure Bot pricing tier; Teams is a standard channel, free on F0.')
param botSku string = 'F0'

// The council's process --------------------------------------------------------------------------------

@description('The council\'s name, as its reports are headed, e.g. Dorset Council.')
param councilName string = ''

@description('The escalation policy: dorset-qaro, escalation-of-concern, professional-challenge or multi-agency.')
param policy string = 'dorset-qaro'

@description('Every process the council runs for new escalations, comma-separated, when it runs more than one (e.g. dorset-qaro,professional-challenge,multi-agency); empty: the policy alone.')
param policies string = ''

@allowed(['england-and-wales', 'scotland', 'northern-ireland'])
@description('Whose bank holidays are not working days.')
param calendarRegion string = 'england-and-wales'

@description('The council\'s own closure days, comma-separated YYYY-MM-DD.')
param closureDays string = ''

@description('London time after which a concern counts as received on the next working day (HH:mm).')
param receiptCutOff string = '17:00'

@description('Reminders go out between these London times on working days (HH:mm).')
param workingHoursStart string = '08:00'
param workingHoursEnd string = '18:00'

@minValue(0)
@maxValue(3600)
@description('How long the directory is cached, in seconds.')
param directoryCacheSeconds int = 300

@description('NCRONTAB with seconds, UTC: how often reminders run.')
param reminderSchedule string = '0 */15 * * * *'

@description('NCRONTAB with seconds, UTC: when the digest timer wakes (it sends only at digestTime, London time). Empty: derived from digestDay and digestTime.')
param digestSchedule string = ''

@description('London time of the weekly digest (HH:mm; the hour is used).')
param digestTime string = '08:00'

@description('Day of the week of the digest, London time.')
@allowed(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])
param digestDay string = 'Monday'

// Data and hosting ---------------------------------------------------------------------------------------

@description('The Teams app\'s id in the council\'s app catalog (Teams admin centre, Manage apps): with it the bot installs itself for people who never opened it. Empty: they are reached once they open it.')
param teamsCatalogAppId string = ''

@description('Microsoft Graph for proactive install: the global service, or a national cloud\'s.')
param graphBaseUrl string = 'https://graph.microsoft.com/v1.0'

@description('The council\'s mailbox the bot sends e-mail as (Graph sendMail); empty: no e-mail. Limit the identity\'s Mail.Send to it (docs/deploy.md).')
param mailSender string = ''

@description('The Outlook Actionable Messages provider\'s originator id; empty: e-mails carry no live card.')
param outlookOriginatorId string = ''

@description('The Bot Connector service URL for chats opened by a proactive install.')
param teamsServiceUrl string = 'https://smba.trafficmanager.net/uk/'

@description('Cosmos DB database name.')
param cosmosDatabaseName string = 'escalation-bot'

@description('Object id of the user or group who loads the directory (escalation-admin directory import); azd passes the signed-in user. Empty: nobody but the app.')
param administratorPrincipalId string = ''

@minValue(0)
@description('Always-ready instances for the messages function (0 allows cold starts on Teams invokes).')
param alwaysReadyInstances int = 1

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([2048, 4096])
param instanceMemoryMB int = 2048

@description('Days Log Analytics keeps logs.')
param logRetentionInDays int = 30

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName, application: 'escalation-bot' }
var deploymentContainerName = 'app-package-${resourceToken}'
var managedIdentityBot = botAuthType == 'UserManagedIdentity'

// The Cosmos DB containers, generated from src/adapters/cosmos/containers.ts by `npm run infra:containers`.
var cosmosContainers = loadJsonContent('cosmos-containers.json').containers

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    identityPrincipalId: identity.outputs.principalId
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    name: 'cosmos-${resourceToken}'
    location: location
    tags: tags
    databaseName: cosmosDatabaseName
    containers: cosmosContainers
    identityPrincipalId: identity.outputs.principalId
    administratorPrincipalId: administratorPrincipalId
  }
}

var botClientId = managedIdentityBot ? identity.outputs.clientId : botAppRegistrationClientId

// Every setting the code reads: the keys of the settings schema in src/config.ts, no more and no fewer
// (test/unit/deploy/settings.test.ts checks it). Secrets come only from @secure() parameters.
var appSettings = {
  LOCAL_MODE: 'false'
  COSMOS_ENDPOINT: cosmos.outputs.endpoint
  COSMOS_KEY: ''
  COSMOS_DATABASE: cosmosDatabaseName
  MANAGED_IDENTITY_CLIENT_ID: identity.outputs.clientId
  BOT_CLIENT_ID: botClientId
  BOT_CLIENT_SECRET: managedIdentityBot ? '' : botClientSecret
  BOT_TENANT_ID: botTenantId
  BOT_AUTH_TYPE: botAuthType
  BOT_OPENID_METADATA_URL: botOpenIdMetadataUrl
  ALLOWED_TENANT_IDS: empty(allowedTenantIds) ? botTenantId : allowedTenantIds
  COUNCIL_NAME: councilName
  POLICY: policy
  POLICIES: policies
  CALENDAR_REGION: calendarRegion
  CLOSURE_DAYS: closureDays
  RECEIPT_CUT_OFF: receiptCutOff
  WORKING_HOURS_START: workingHoursStart
  WORKING_HOURS_END: workingHoursEnd
  DIRECTORY_CACHE_SECONDS: string(directoryCacheSeconds)
  REMINDER_SCHEDULE: reminderSchedule
  DIGEST_SCHEDULE: digestSchedule
  DIGEST_TIME: digestTime
  DIGEST_DAY: digestDay
  TEAMS_CATALOG_APP_ID: teamsCatalogAppId
  GRAPH_BASE_URL: graphBaseUrl
  MAIL_SENDER: mailSender
  OUTLOOK_ORIGINATOR_ID: outlookOriginatorId
  TEAMS_SERVICE_URL: teamsServiceUrl
  SDK_DEBUG_LOGGING_ACKNOWLEDGED: 'false'
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    appSettings: appSettings
    alwaysReadyInstances: alwaysReadyInstances
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: 'bot-${resourceToken}'
    displayName: botDisplayName
    tags: tags
    endpoint: 'https://${functionApp.outputs.defaultHostName}/api/messages'
    msaAppType: managedIdentityBot ? 'UserAssignedMSI' : 'SingleTenant'
    msaAppId: botClientId
    tenantId: botTenantId
    identityId: identity.outputs.id
    sku: botSku
  }
}

// azd writes these to .azure/<environment>/.env and the Agents Toolkit to env/.env.<environment>;
// `npm run package:app` and the Toolkit's app package read BOT_CLIENT_ID and BOT_DOMAIN, and the Toolkit's
// deploy step API_FUNCTION_RESOURCE_ID.
output AZURE_LOCATION string = location
output API_FUNCTION_RESOURCE_ID string = functionApp.outputs.id
output AZURE_TENANT_ID string = botTenantId
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output BOT_CLIENT_ID string = botClientId
output BOT_DOMAIN string = functionApp.outputs.defaultHostName
output BOT_NAME string = bot.outputs.name
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE string = cosmosDatabaseName
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
