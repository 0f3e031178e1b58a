// The Function App on the Flex Consumption plan (Linux, Node 22), running as the user-assigned managed
// identity. The HTTP group (the `messages` function, the app's only HTTP trigger) keeps an always-ready
// instance so Teams' invokes do not wait for a cold start; the timers scale on demand.
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param storageBlobEndpoint string
param deploymentContainerName string
param applicationInsightsConnectionString string
// Secure: it may carry the bot's client secret, which must not appear in the deployment's history.
@secure()
@description('The settings the code reads (src/config.ts), built in main.bicep.')
param appSettings object
@description('Always-ready instances for the HTTP group, which holds the messages function.')
param alwaysReadyInstances int
param maximumInstanceCount int
@allowed([2048, 4096])
param instanceMemoryMB int

// Settings of the Functions host and its platform, not read by the product's code. The unit test
// test/unit/deploy/settings.test.ts allows exactly these, each for a stated reason.
var hostSettings = {
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // The remote build installs the production dependencies alone, from the lock file: the package arrives
  // compiled (azd and the Agents Toolkit run `npm run build` before they upload it), so no development
  // tool (TypeScript, the test tools, the Agents Playground) is installed on the council's Function App.
  CUSTOM_BUILD_COMMAND: 'npm ci --omit=dev --no-audit --no-fund'
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [for setting in items(union(appSettings, hostSettings)): { name: setting.key, value: setting.value }]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        alwaysReady: [
          {
            name: 'http'
            instanceCount: alwaysReadyInstances
          }
        ]
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

output id string = site.id
output name string = site.name
output defaultHostName string = site.properties.defaultHostName
