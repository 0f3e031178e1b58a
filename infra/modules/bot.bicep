// The Azure Bot registration: the messaging endpoint is the Function App's /api/messages, the identity is
// the user-assigned managed identity (or, with botAuthType ClientSecret, a single-tenant Entra app), and
// the Microsoft Teams channel is on.
param name string
param displayName string
param tags object
param endpoint string
@allowed(['UserAssignedMSI', 'SingleTenant'])
param msaAppType string
param msaAppId string
param tenantId string
@description('The managed identity\'s resource id, with msaAppType UserAssignedMSI.')
param identityId string
@allowed(['F0', 'S1'])
param sku string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: sku }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppType: msaAppType
    msaAppId: msaAppId
    msaAppTenantId: tenantId
    msaAppMSIResourceId: msaAppType == 'UserAssignedMSI' ? identityId : null
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// Action.Execute on the card in an e-mail reaches the bot through the Outlook channel. Outlook shows the card
// once the council's Actionable Messages provider (its originator id) is approved: see docs/deploy.md.
resource outlook 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'OutlookChannel'
  location: 'global'
  properties: {
    channelName: 'OutlookChannel'
  }
}

output name string = bot.name
